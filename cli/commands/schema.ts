import { Argument, type Command } from 'commander';
import { EXIT } from '../../harness/errors.js';
import { jsonSchemaOf, SCHEMAS, type SchemaName } from '../../harness/report/json-schema.js';

/** `agentcheck schema`: the JSON Schema of the report, a scenario file or a plan. */
export function registerSchema(program: Command, exit: (code: number) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of the JSON report, of a scenario file or of an agent plan (generated from the zod schemas)')
    .addArgument(new Argument('[what]', 'which schema').choices(Object.keys(SCHEMAS)).default('report'))
    .action((what: SchemaName) => {
      process.stdout.write(JSON.stringify(jsonSchemaOf(what), null, 2) + '\n');
      exit(EXIT.passed);
    });
}
