/** An error a client can act on; rendered as SPEC §11's error body with its HTTP status. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Case') => new AppError(404, 'not_found', `${what} not found`);

export const fieldError = (field: string, message: string, status: 400 | 422 = 422) =>
  new AppError(status, 'validation_failed', message, { [field]: message });
