export { errorCodes, type ErrorCode, type ErrorSpec } from './codes.js';
export { AppError, isAppError, type FieldErrors } from './app-error.js';
export { parseOrThrow } from './validate.js';
