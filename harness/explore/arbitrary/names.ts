import { Faker, base, en } from '@faker-js/faker';

// Realistic names and payloads for generated steps. Each step carries its own seed,
// drawn by fast-check, so its name stays put while shrinking removes its neighbours,
// and the same fast-check seed always gives the same names.

/** Our own instance: seeding the shared `faker` would disturb the user's tests. */
const faker = new Faker({ locale: [en, base] });

interface ToolKind {
  tool: string;
  id: string;
  input: () => Record<string, unknown>;
}

const WRITE_TOOLS: ToolKind[] = [
  { tool: 'payments.charge', id: 'charge-card', input: () => ({ customer: faker.string.uuid(), amount: faker.finance.amount(), currency: faker.finance.currencyCode() }) },
  { tool: 'payments.refund', id: 'issue-refund', input: () => ({ charge: `ch_${faker.string.alphanumeric(12)}`, amount: faker.finance.amount({ max: 200 }) }) },
  { tool: 'email.send', id: 'send-email', input: () => ({ to: faker.internet.email(), subject: faker.lorem.sentence({ min: 3, max: 6 }) }) },
  { tool: 'tracker.create', id: 'open-ticket', input: () => ({ title: faker.hacker.phrase(), assignee: faker.person.fullName() }) },
  { tool: 'crm.update', id: 'update-account', input: () => ({ account: faker.company.name(), stage: faker.helpers.arrayElement(['lead', 'trial', 'customer', 'churned']) }) },
  { tool: 'calendar.book', id: 'book-meeting', input: () => ({ with: faker.person.fullName(), room: faker.location.buildingNumber() }) },
  { tool: 'chat.post', id: 'post-message', input: () => ({ channel: `#${faker.word.noun()}`, text: faker.lorem.sentence({ min: 4, max: 9 }) }) },
  { tool: 'warehouse.ship', id: 'ship-order', input: () => ({ sku: faker.commerce.isbn(), to: faker.location.city(), quantity: faker.number.int({ min: 1, max: 5 }) }) },
];

const READ_TOOLS: ToolKind[] = [
  { tool: 'crm.lookup', id: 'lookup-customer', input: () => ({ email: faker.internet.email() }) },
  { tool: 'search.web', id: 'search-web', input: () => ({ query: faker.commerce.productName() }) },
  { tool: 'weather.forecast', id: 'get-forecast', input: () => ({ city: faker.location.city() }) },
  { tool: 'inventory.check', id: 'check-stock', input: () => ({ product: faker.commerce.product(), warehouse: faker.location.state() }) },
  { tool: 'orders.get', id: 'fetch-order', input: () => ({ order: faker.string.numeric(8) }) },
  { tool: 'docs.search', id: 'search-docs', input: () => ({ query: `${faker.hacker.verb()} ${faker.hacker.noun()}` }) },
];

const LLM_TASKS = ['draft-reply', 'classify-request', 'plan-steps', 'summarize-thread', 'extract-fields', 'rank-options', 'review-draft', 'translate-text'];

export interface NamedTool {
  id: string;
  tool: string;
  input: Record<string, unknown>;
}

export function toolNamed(seed: number, mode: 'read' | 'write'): NamedTool {
  faker.seed(seed);
  const kind = faker.helpers.arrayElement(mode === 'write' ? WRITE_TOOLS : READ_TOOLS);
  return { id: kind.id, tool: kind.tool, input: kind.input() };
}

export function llmNamed(seed: number): { id: string; prompt: string } {
  faker.seed(seed);
  const id = faker.helpers.arrayElement(LLM_TASKS);
  return { id, prompt: `${faker.hacker.phrase()} (for ${faker.person.fullName()} at ${faker.company.name()})` };
}

const APPROVALS = ['approve-payment', 'approve-refund', 'approve-deploy', 'approve-access', 'approve-discount', 'legal-review'];
const SLEEPS = ['cooling-off', 'wait-for-reply', 'rate-limit-pause', 'follow-up-delay'];
const PARALLELS = ['fan-out', 'gather', 'in-parallel'];

export function approvalNamed(seed: number): string {
  faker.seed(seed);
  return faker.helpers.arrayElement(APPROVALS);
}

export function sleepNamed(seed: number): string {
  faker.seed(seed);
  return faker.helpers.arrayElement(SLEEPS);
}

export function parallelNamed(seed: number): string {
  faker.seed(seed);
  return faker.helpers.arrayElement(PARALLELS);
}

const AGENTS = ['billing', 'travel', 'legal', 'research', 'support', 'payments', 'inventory', 'scheduling'];

/** An agent step's id and the agent it asks. */
export function agentNamed(seed: number): { id: string; agent: string } {
  faker.seed(seed);
  const agent = faker.helpers.arrayElement(AGENTS);
  return { id: `ask-${agent}`, agent };
}

export function planNamed(seed: number): string {
  faker.seed(seed);
  return `${faker.commerce.department().toLowerCase().replace(/[^a-z]+/g, '-')}-agent`;
}
