import { InternalError } from './errors';
import { Token } from 'cdktf';
import { BCRYPT_HASH, USER_NAME } from '../model/web-config';

/*
 * nginx's configuration syntax, rendered from typed objects: a directive is a name, its
 * arguments and, for a block (`server`, `location`), the directives inside. Arguments that are
 * not plain words are double-quoted with `"` and `\` escaped, so no argument can end a directive
 * or open a block. Used for the authenticating TLS gateway in front of Loki.
 */

export interface NginxDirective {
  readonly name: string;
  readonly args?: readonly (string | number)[];
  /** The directives of a block; a block directive has no `;`. */
  readonly block?: readonly NginxDirective[];
}

/** nginx directive names: lower-case words with "_". */
const NAME = /^[a-z][a-z0-9_]*$/;
/** Arguments written without quotes: paths, URLs, sizes, numbers, variables, "=" and "/". */
const PLAIN = /^[A-Za-z0-9_./:=$@~+-]+$/;

function renderArg(arg: string | number): string {
  const text = String(arg);
  if (/[\n\r\0]/.test(text)) throw new InternalError(`nginx argument ${JSON.stringify(text)} holds a line break or NUL`);
  if (PLAIN.test(text)) return text;
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function renderDirective(d: NginxDirective, indent: string): string[] {
  if (!NAME.test(d.name)) throw new InternalError(`nginx directive name ${JSON.stringify(d.name)} is not a word of lower-case letters, digits and "_"`);
  const head = [d.name, ...(d.args ?? []).map(renderArg)].join(' ');
  if (!d.block) return [`${indent}${head};`];
  return [`${indent}${head} {`, ...d.block.flatMap((inner) => renderDirective(inner, `${indent}    `)), `${indent}}`];
}

/** A configuration file: the directives, one a line, blocks indented by four spaces. */
export function renderNginx(directives: readonly NginxDirective[]): string {
  return `${directives.flatMap((d) => renderDirective(d, '')).join('\n')}\n`;
}

/** One user of an htpasswd file: a name and a crypt(3) hash of the password (bcrypt here). */
export interface HtpasswdUser {
  readonly username: string;
  /** A bcrypt hash, or the Terraform reference that yields one at apply time. */
  readonly hash: string;
}

/** An htpasswd file (nginx's auth_basic_user_file): `name:hash` a line. */
export function renderHtpasswd(users: readonly HtpasswdUser[]): string {
  for (const u of users) {
    if (!USER_NAME.test(u.username)) throw new InternalError(`htpasswd user name ${JSON.stringify(u.username)} is not a lower-case word`);
    if (!Token.isUnresolved(u.hash) && !BCRYPT_HASH.test(u.hash)) {
      throw new InternalError(`htpasswd user ${u.username}: the password must be a bcrypt hash, not ${u.hash.length} characters of something else`);
    }
  }
  return users.map((u) => `${u.username}:${u.hash}\n`).join('');
}
