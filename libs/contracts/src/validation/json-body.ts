import { AppError } from '../errors/app-error';

/** Deeper than any body of the four dialects or the agent protocol nests (a TrueFoundry manifest is under 10). */
export const MAX_JSON_DEPTH = 32;

export const jsonTooDeeplyNested = (): AppError => AppError.invalid(`request body nests deeper than ${MAX_JSON_DEPTH} levels`);

/** Also the answer to a poisoned body (`__proto__`, `constructor`). */
export const notValidJson = (): AppError => AppError.invalid('request body is not valid JSON');
