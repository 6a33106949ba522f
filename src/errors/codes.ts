/**
 * The error catalogue: every error Jiaodian can raise, by code.
 *
 * Codes are `JD_ERR_<AREA>_<WHAT>`. A retired code is never reused: clients and logs may
 * still match on it. `isPublic` says whether the message may be shown to an anonymous reader
 * as is; non-public errors are logged and replaced by a generic message.
 */
export interface ErrorSpec {
  /** HTTP status the error maps to when it reaches a response. */
  readonly status: number;
  /** Message template; `{name}` slots are filled from the error's params. */
  readonly message: string;
  /** Whether the message is safe to show to the public. */
  readonly isPublic: boolean;
}

export const errorCodes = {
  JD_ERR_CONFIG_INVALID: { status: 500, message: 'invalid setting {setting}: {allowed}', isPublic: false },
  JD_ERR_DB_UNREACHABLE: { status: 503, message: 'cannot reach the database at {host}: {reason}', isPublic: false },
  JD_ERR_DB_MIGRATION_FAILED: { status: 500, message: 'migration {name} failed on {where}: {reason}', isPublic: false },
  // A running server lost its database: the write is refused, not half done; retrying is safe.
  JD_ERR_DB_UNAVAILABLE: { status: 503, message: 'the database is unavailable right now; try again in a moment', isPublic: true },
  JD_ERR_HTTP_PORT_IN_USE: {
    status: 500,
    message: 'port {port} on {host} is already in use: stop the other server or set PORT (or --port) to a free port',
    isPublic: false,
  },
  JD_ERR_HTTP_ENDPOINT_INVALID: { status: 500, message: 'endpoint {endpoint} declares no valid permissions', isPublic: false },
  JD_ERR_HTTP_NOT_FOUND: { status: 404, message: 'no page at {path}', isPublic: true },
  JD_ERR_HTTP_BAD_REQUEST: { status: 400, message: '{detail}', isPublic: true },
  JD_ERR_HTTP_BODY_TOO_LARGE: { status: 413, message: 'the request body is larger than this endpoint accepts', isPublic: true },
  JD_ERR_VALIDATION: { status: 400, message: 'some fields are not valid', isPublic: true },
  JD_ERR_CONTENT_ARTICLE_NOT_FOUND: { status: 404, message: 'no article with id {id}', isPublic: true },
  JD_ERR_CONTENT_ARTICLE_GONE: { status: 410, message: 'article {id} has been withdrawn', isPublic: true },
  JD_ERR_CONTENT_SECTION_NOT_FOUND: { status: 404, message: 'no section {slug}', isPublic: true },
  JD_ERR_CONTENT_TAG_NOT_FOUND: { status: 404, message: 'no tag {slug}', isPublic: true },
  JD_ERR_CONTENT_AUTHOR_NOT_FOUND: { status: 404, message: 'no author {slug}', isPublic: true },
  JD_ERR_CONTENT_SLUG_TAKEN: { status: 409, message: 'the slug {slug} is already used by another {kind}', isPublic: true },
  JD_ERR_CONTENT_VERSION_CONFLICT: {
    status: 409,
    message: 'the article was changed by someone else (your version {given}, current {current})',
    isPublic: true,
  },
  JD_ERR_CONTENT_REFERENCE_MISSING: { status: 400, message: 'unknown {kind}: {value}', isPublic: true },
  JD_ERR_CONTENT_TRANSITION_INVALID: { status: 409, message: 'cannot {action} an article that is {status}', isPublic: true },
  JD_ERR_CONTENT_REVISION_NOT_FOUND: { status: 404, message: 'article {id} has no revision {version}', isPublic: true },
  JD_ERR_CONTENT_STALE: { status: 409, message: 'the {kind} was changed by someone else (your version {given}, current {current})', isPublic: true },
  JD_ERR_CONTENT_SECTION_ID_NOT_FOUND: { status: 404, message: 'no section with id {id}', isPublic: true },
  JD_ERR_CONTENT_TAG_ID_NOT_FOUND: { status: 404, message: 'no tag with id {id}', isPublic: true },
  JD_ERR_CONTENT_SECTION_IN_USE: { status: 409, message: 'section {slug} still has {what}: move them first', isPublic: true },
  JD_ERR_CONTENT_NAME_TAKEN: { status: 409, message: 'the name {name} is already used by another {kind}', isPublic: true },
  JD_ERR_CONTENT_SCHEDULER_FAILED: { status: 500, message: 'the scheduler could not publish due articles: {reason}', isPublic: false },
  JD_ERR_DICTIONARY_TERM_NOT_FOUND: { status: 404, message: 'no dictionary term with id {id}', isPublic: true },
  JD_ERR_SEARCH_WORD_NOT_FOUND: { status: 404, message: 'no editor word {word} (see jiaodian words list)', isPublic: true },
  JD_ERR_RECOMMEND_COMPUTE_FAILED: { status: 500, message: 'related reading for article {id} could not be computed ({step}); the previous list stays: {reason}', isPublic: false },
  JD_ERR_RECOMMEND_WORD_INVALID: { status: 400, message: 'a related word must be 1 to {max} characters of text, not {word}', isPublic: true },
  JD_ERR_RECOMMEND_WORD_NOT_FOUND: { status: 404, message: 'article {id} has no pinned or hidden word {word}', isPublic: true },
  JD_ERR_AUTH_REQUIRED: { status: 401, message: 'sign in or send an API token to do this', isPublic: true },
  JD_ERR_AUTH_FORBIDDEN: { status: 403, message: 'your role may not {action}', isPublic: true },
  JD_ERR_AUTH_EMAIL_TAKEN: { status: 409, message: 'a user with the email {email} already exists', isPublic: true },
  JD_ERR_AUTH_WEAK_PASSWORD: { status: 400, message: 'passwords need at least {min} characters', isPublic: true },
  // Deliberately the same for an unknown e-mail, a wrong password and an account without one.
  JD_ERR_AUTH_INVALID_CREDENTIALS: { status: 401, message: 'wrong e-mail or password', isPublic: true },
  JD_ERR_AUTH_RATE_LIMITED: { status: 429, message: 'too many attempts, try again in {minutes} minutes', isPublic: true },
  JD_ERR_AUTH_TOTP_REQUIRED: { status: 401, message: 'enter the 6-digit code from your authenticator app', isPublic: true },
  JD_ERR_AUTH_TOTP_INVALID: { status: 401, message: 'the two-factor code is wrong or was already used', isPublic: true },
  JD_ERR_AUTH_TOTP_STATE: { status: 409, message: '{detail}', isPublic: true },
  JD_ERR_AUTH_ACCOUNT_DISABLED: { status: 403, message: 'this account is disabled; ask an admin', isPublic: true },
  JD_ERR_AUTH_CSRF: { status: 403, message: 'missing or wrong X-CSRF-Token header (get it from GET /api/v1/auth/me)', isPublic: true },
  JD_ERR_AUTH_WRONG_PASSWORD: { status: 400, message: 'the current password is not right', isPublic: true },
  JD_ERR_AUTH_USER_NOT_FOUND: { status: 404, message: 'no user {id}', isPublic: true },
  JD_ERR_AUTH_TOKEN_NOT_FOUND: { status: 404, message: 'no API token with id {id}', isPublic: true },
  JD_ERR_AUTH_ROLE_TOO_HIGH: { status: 403, message: 'a token may not have a role above yours ({own})', isPublic: true },
  JD_ERR_AUTH_LAST_ADMIN: { status: 409, message: 'the last active admin cannot be disabled or demoted', isPublic: true },
  JD_ERR_MEDIA_NOT_FOUND: { status: 404, message: 'no media with id {id}', isPublic: true },
  JD_ERR_MEDIA_NO_FILE: { status: 400, message: 'send the image as a multipart/form-data part named "file"', isPublic: true },
  JD_ERR_MEDIA_BAD_UPLOAD: { status: 400, message: 'the upload could not be read: {detail}', isPublic: true },
  JD_ERR_MEDIA_TOO_LARGE: { status: 413, message: 'the file is larger than the upload limit of {maxMb} MB', isPublic: true },
  JD_ERR_MEDIA_UNSUPPORTED_TYPE: { status: 415, message: 'the file is {found}, not a supported image: upload a JPEG, PNG, WebP, GIF or AVIF', isPublic: true },
  JD_ERR_MEDIA_SVG_REJECTED: { status: 415, message: 'SVG images can carry scripts and are not accepted: export the graphic as PNG or WebP', isPublic: true },
  JD_ERR_MEDIA_UNDECODABLE: { status: 415, message: 'this server cannot decode {format} images: export the image as JPEG or PNG', isPublic: true },
  JD_ERR_MEDIA_TRAILING_DATA: {
    status: 400,
    message: 'the {format} file has {bytes} bytes of other data after the image (a hidden archive or script?): export the image again and upload that',
    isPublic: true,
  },
  JD_ERR_MEDIA_TOO_MANY_PIXELS: { status: 400, message: 'the image is {width} × {height} pixels{frames}, over the limit of {limit}: scale it down first', isPublic: true },
  JD_ERR_MEDIA_CORRUPT: { status: 400, message: 'the {format} image is damaged or truncated and could not be read', isPublic: true },
  JD_ERR_MEDIA_IN_USE: { status: 409, message: 'media {id} is still used by article {articles}: remove it there first', isPublic: true },
  JD_ERR_MEDIA_PROCESSING_FAILED: { status: 500, message: 'media {id} could not be processed ({step}): {reason}', isPublic: false },
  JD_ERR_WEBHOOK_NOT_FOUND: { status: 404, message: 'no webhook with id {id}', isPublic: true },
  JD_ERR_WEBHOOK_ADDRESS_REFUSED: { status: 400, message: 'the webhook host {host} resolves to {address}, a link-local or metadata address, which is refused', isPublic: true },
  JD_ERR_WEBHOOK_DELIVERY_FAILED: { status: 500, message: 'webhook delivery {id} failed: {reason}', isPublic: false },
  // The integrity guard flagged the article; an editor may publish it anyway with override and a reason.
  JD_ERR_GUARD_FLAGGED: { status: 409, message: 'the integrity guard flagged this article ({count} findings): fix them, or an editor publishes with override and overrideReason', isPublic: true },
  JD_ERR_GUARD_OVERRIDE_FORBIDDEN: { status: 403, message: 'only editors and admins may publish flagged content', isPublic: true },
  JD_ERR_INGEST_FETCH_FAILED: { status: 400, message: 'could not fetch {url}: {reason}', isPublic: true },
  JD_ERR_INGEST_TOO_LARGE: { status: 413, message: '{what} is larger than the import limit of {limit}', isPublic: true },
  JD_ERR_INGEST_UNREADABLE: { status: 400, message: 'the {kind} source could not be read: {reason}', isPublic: true },
  JD_ERR_INGEST_SUBSCRIPTION_NOT_FOUND: { status: 404, message: 'no feed subscription {id}', isPublic: true },
  JD_ERR_INGEST_RESTORE_NOT_EMPTY: { status: 409, message: 'a JSON backup is restored only into an empty database; this one already has {what}', isPublic: true },
  JD_ERR_CLI_USAGE: { status: 400, message: '{detail}', isPublic: true },
  // `jiaodian build --out DIR` never replaces a folder it did not write (no export manifest in it).
  JD_ERR_EXPORT_NOT_AN_EXPORT: { status: 400, message: '{dir} is not empty and holds no static export (no {manifest}): choose an empty or new folder', isPublic: true },
  JD_ERR_EXPORT_FAILED: { status: 500, message: 'the static export failed at {path}: {reason}; {dir} was left as it was', isPublic: true },
  JD_ERR_DEMO_DATA_INVALID: { status: 500, message: 'demo data file {file} is not valid: {detail}', isPublic: false },
  JD_ERR_INTERNAL: { status: 500, message: 'something went wrong on our side', isPublic: true },
} as const satisfies Record<string, ErrorSpec>;

/** A known error code. */
export type ErrorCode = keyof typeof errorCodes;
