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
  JD_ERR_DICTIONARY_TERM_NOT_FOUND: { status: 404, message: 'no dictionary term with id {id}', isPublic: true },
  JD_ERR_SEARCH_WORD_NOT_FOUND: { status: 404, message: 'no editor word {word} (see jiaodian words list)', isPublic: true },
  JD_ERR_RECOMMEND_COMPUTE_FAILED: { status: 500, message: 'related reading for article {id} could not be computed ({step}); the previous list stays: {reason}', isPublic: false },
  JD_ERR_RECOMMEND_WORD_INVALID: { status: 400, message: 'a related word must be 1 to {max} characters of text, not {word}', isPublic: true },
  JD_ERR_RECOMMEND_WORD_NOT_FOUND: { status: 404, message: 'article {id} has no pinned or hidden word {word}', isPublic: true },
  JD_ERR_AUTH_REQUIRED: { status: 401, message: 'sign in or send an API token to do this', isPublic: true },
  JD_ERR_AUTH_FORBIDDEN: { status: 403, message: 'your role may not {action}', isPublic: true },
  JD_ERR_AUTH_EMAIL_TAKEN: { status: 409, message: 'a user with the email {email} already exists', isPublic: true },
  JD_ERR_AUTH_WEAK_PASSWORD: { status: 400, message: 'passwords need at least {min} characters', isPublic: true },
  JD_ERR_CLI_USAGE: { status: 400, message: '{detail}', isPublic: true },
  JD_ERR_DEMO_DATA_INVALID: { status: 500, message: 'demo data file {file} is not valid: {detail}', isPublic: false },
  JD_ERR_INTERNAL: { status: 500, message: 'something went wrong on our side', isPublic: true },
} as const satisfies Record<string, ErrorSpec>;

/** A known error code. */
export type ErrorCode = keyof typeof errorCodes;
