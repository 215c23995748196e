// Who is calling, for the length of one HTTP request: the app's middleware puts the
// caller's token here, and code anywhere below the handler can read it.
import { AsyncLocalStorage } from 'node:async_hooks';

export const requestContext = new AsyncLocalStorage<{ userToken?: string }>();
