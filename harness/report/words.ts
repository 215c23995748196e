/** "1 case", "2 cases": counts in messages people read. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
