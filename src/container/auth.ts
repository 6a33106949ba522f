import type { Config } from '../config/index.js';
import type { Container } from '../container.js';
import type { Db } from '../db/index.js';
import { AccountService } from '../auth/account.service.js';
import { ApiTokenRepo } from '../auth/api-token.repo.js';
import { ApiTokenService } from '../auth/api-token.service.js';
import { AuditRepo } from '../auth/audit.repo.js';
import { AuditService } from '../auth/audit.service.js';
import { AuthHttp } from '../auth/http.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { LoginThrottleRepo } from '../auth/login-throttle.repo.js';
import { LoginService } from '../auth/login.service.js';
import type { SessionService } from '../auth/session.service.js';
import { TotpService } from '../auth/totp.service.js';
import type { UserRepo } from '../auth/user.repo.js';
import type { UserService } from '../auth/user.service.js';

/** Accounts and access, wired over the users and sessions the rest of the container shares. */
export function authServices(k: Db['kysely'], config: Config, now: () => Date, userRepo: UserRepo, users: UserService, sessions: SessionService): Container['auth'] {
  const audit = new AuditService({ auditRepo: new AuditRepo(k), now });
  const tokens = new ApiTokenService({ apiTokenRepo: new ApiTokenRepo(k), now });
  const throttle = new LoginThrottle({ loginThrottleRepo: new LoginThrottleRepo(k), now });
  const totp = new TotpService({ userRepo, now, issuer: config.siteName });
  return {
    sessions,
    tokens,
    totp,
    audit,
    login: new LoginService({ userRepo, sessions, throttle, totp, audit }),
    account: new AccountService({ users, totp, throttle }),
    http: new AuthHttp({ sessions, tokens, audit, siteUrl: config.siteUrl }),
  };
}
