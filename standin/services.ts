/**
 * The script services besides SpreadsheetApp: PropertiesService, CacheService, LockService,
 * Session, Utilities, HtmlService and the Ui (menus, sidebars, dialogs, alerts), Logger, console,
 * ScriptApp and Charts enums.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Ctx, instrument, signatureError } from './context';
import {
  AuthMode,
  Button,
  ButtonSet,
  Charset,
  ChartHiddenDimensionStrategy,
  ChartMergeStrategy,
  ChartType,
  DigestAlgorithm,
  type EnumValue,
  enumName,
  LegendPosition,
  MacAlgorithm,
  Position,
  SandboxMode,
  XFrameOptionsMode,
} from './enums';
import { civil, tzOffset, validTimeZone } from './time';

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

// =====================================================================================
// PropertiesService
// =====================================================================================

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;

export class PropertiesApi {
  constructor(
    public $: Ctx,
    public store: Map<string, string>,
  ) {}
  _size(except?: string): number {
    let n = 0;
    for (const [k, v] of this.store) if (k !== except) n += utf8Bytes(k) + utf8Bytes(v);
    return n;
  }
  _check(entries: [string, string][], replaceAll: boolean): void {
    for (const [, v] of entries) if (utf8Bytes(v) > PROPERTY_VALUE_MAX_BYTES) throw this.$.exception('Argument too large: value');
    let total = replaceAll ? 0 : this._size();
    for (const [k, v] of entries) {
      if (!replaceAll && this.store.has(k)) total -= utf8Bytes(k) + utf8Bytes(this.store.get(k) as string);
      total += utf8Bytes(k) + utf8Bytes(v);
    }
    if (total > PROPERTY_STORE_MAX_BYTES) throw this.$.exception('You have exceeded the property storage quota. Please remove some properties and try again.');
  }
  getProperty(key: string): string | null {
    const v = this.store.get(String(key));
    return v === undefined ? null : v;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    return [...this.store.keys()];
  }
  setProperty(key: string, value: unknown): PropertiesApi {
    if (key === undefined || key === null) throw signatureError(this.$, [key, value], 'PropertiesService.Properties.setProperty');
    const entry: [string, string] = [String(key), String(value)];
    this._check([entry], false);
    this.store.set(entry[0], entry[1]);
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): PropertiesApi {
    if (!properties || typeof properties !== 'object') throw signatureError(this.$, [properties], 'PropertiesService.Properties.setProperties');
    const entries = Object.keys(properties).map((k) => [k, String(properties[k])] as [string, string]);
    this._check(entries, !!deleteAllOthers);
    if (deleteAllOthers) this.store.clear();
    for (const [k, v] of entries) this.store.set(k, v);
    return this;
  }
  deleteProperty(key: string): PropertiesApi {
    this.store.delete(String(key));
    return this;
  }
  deleteAllProperties(): PropertiesApi {
    this.store.clear();
    return this;
  }
}

export class PropertiesServiceApi {
  constructor(
    public $: Ctx,
    private stores: { document: Map<string, string>; user: Map<string, string>; script: Map<string, string> },
  ) {}
  getDocumentProperties(): PropertiesApi {
    return new PropertiesApi(this.$, this.stores.document);
  }
  getUserProperties(): PropertiesApi {
    return new PropertiesApi(this.$, this.stores.user);
  }
  getScriptProperties(): PropertiesApi {
    return new PropertiesApi(this.$, this.stores.script);
  }
}

// =====================================================================================
// CacheService
// =====================================================================================

export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_MAX_TTL_SECONDS = 21_600;
export const CACHE_DEFAULT_TTL_SECONDS = 600;

export type CacheStore = Map<string, { value: string; expires: number }>;

export class CacheApi {
  constructor(
    public $: Ctx,
    public store: CacheStore,
  ) {}
  _key(key: unknown): string {
    if (key === null || key === undefined) throw this.$.exception('Invalid argument: key');
    const k = String(key);
    if (k.length > CACHE_KEY_MAX_CHARS) throw this.$.exception('Argument too large: key');
    return k;
  }
  _ttl(ttl: unknown): number {
    if (ttl === undefined || ttl === null) return CACHE_DEFAULT_TTL_SECONDS;
    if (typeof ttl !== 'number' || !Number.isFinite(ttl)) throw signatureError(this.$, [ttl], 'CacheService.Cache.put');
    return Math.max(1, Math.min(CACHE_MAX_TTL_SECONDS, Math.floor(ttl)));
  }
  _live(k: string): string | null {
    const e = this.store.get(k);
    if (!e) return null;
    if (e.expires <= this.$.clock.now()) {
      this.store.delete(k);
      return null;
    }
    return e.value;
  }
  get(key: string): string | null {
    return this._live(this._key(key));
  }
  getAll(keys: string[]): Record<string, string> {
    if (!Array.isArray(keys)) throw signatureError(this.$, [keys], 'CacheService.Cache.getAll');
    const out: Record<string, string> = {};
    for (const key of keys) {
      const v = this._live(this._key(key));
      if (v !== null) out[String(key)] = v;
    }
    return out;
  }
  put(key: string, value: unknown, expirationInSeconds?: number): void {
    const k = this._key(key);
    const v = String(value);
    if (utf8Bytes(v) > CACHE_VALUE_MAX_BYTES) throw this.$.exception('Argument too large: value');
    this.store.set(k, { value: v, expires: this.$.clock.now() + this._ttl(expirationInSeconds) * 1000 });
  }
  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    if (!values || typeof values !== 'object') throw signatureError(this.$, [values], 'CacheService.Cache.putAll');
    const ttl = this._ttl(expirationInSeconds);
    const entries = Object.keys(values).map((k) => [this._key(k), String(values[k])] as const);
    for (const [, v] of entries) if (utf8Bytes(v) > CACHE_VALUE_MAX_BYTES) throw this.$.exception('Argument too large: value');
    for (const [k, v] of entries) this.store.set(k, { value: v, expires: this.$.clock.now() + ttl * 1000 });
  }
  remove(key: string): void {
    this.store.delete(this._key(key));
  }
  removeAll(keys: string[]): void {
    if (!Array.isArray(keys)) throw signatureError(this.$, [keys], 'CacheService.Cache.removeAll');
    for (const k of keys) this.store.delete(this._key(k));
  }
}

export class CacheServiceApi {
  constructor(
    public $: Ctx,
    private stores: { document: CacheStore; user: CacheStore; script: CacheStore },
  ) {}
  getDocumentCache(): CacheApi {
    return new CacheApi(this.$, this.stores.document);
  }
  getUserCache(): CacheApi {
    return new CacheApi(this.$, this.stores.user);
  }
  getScriptCache(): CacheApi {
    return new CacheApi(this.$, this.stores.script);
  }
}

// =====================================================================================
// LockService
// =====================================================================================

export interface LockState {
  /** `self` = this execution; `other` = a simulated concurrent execution. */
  holder: 'self' | 'other' | null;
  /** When the other execution lets go (stand-in clock ms); null = holds it until released by the test. */
  otherReleaseAt: number | null;
}

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export class LockApi {
  constructor(
    public $: Ctx,
    public state: LockState,
  ) {}
  _acquire(timeoutInMillis: unknown, method: string): boolean {
    if (typeof timeoutInMillis !== 'number' || !Number.isFinite(timeoutInMillis) || timeoutInMillis < 0)
      throw signatureError(this.$, [timeoutInMillis], method);
    const s = this.state;
    if (s.holder === 'self') return true;
    if (s.holder === 'other') {
      const now = this.$.clock.now();
      if (s.otherReleaseAt !== null && s.otherReleaseAt <= now + timeoutInMillis) {
        this.$.clock.advance(Math.max(0, s.otherReleaseAt - now));
        s.holder = 'self';
        s.otherReleaseAt = null;
        return true;
      }
      this.$.clock.advance(timeoutInMillis);
      return false;
    }
    s.holder = 'self';
    return true;
  }
  tryLock(timeoutInMillis: number): boolean {
    return this._acquire(timeoutInMillis, 'LockService.Lock.tryLock');
  }
  waitLock(timeoutInMillis: number): void {
    if (!this._acquire(timeoutInMillis, 'LockService.Lock.waitLock')) throw this.$.exception(LOCK_TIMEOUT_MESSAGE);
  }
  releaseLock(): void {
    if (this.state.holder === 'self') this.state.holder = null;
  }
  hasLock(): boolean {
    return this.state.holder === 'self';
  }
}

export class LockServiceApi {
  constructor(
    public $: Ctx,
    private locks: { document: LockState; user: LockState; script: LockState },
  ) {}
  getDocumentLock(): LockApi {
    return new LockApi(this.$, this.locks.document);
  }
  getUserLock(): LockApi {
    return new LockApi(this.$, this.locks.user);
  }
  getScriptLock(): LockApi {
    return new LockApi(this.$, this.locks.script);
  }
}

// =====================================================================================
// Session
// =====================================================================================

export class UserApi {
  constructor(
    public $: Ctx,
    private email: string,
  ) {}
  getEmail(): string {
    return this.$.customFunction ? '' : this.email;
  }
}

export class SessionApi {
  constructor(
    public $: Ctx,
    private o: { userLocale: string; scriptTimeZone: string; email: string },
  ) {}
  getActiveUserLocale(): string {
    return this.o.userLocale;
  }
  getScriptTimeZone(): string {
    return this.o.scriptTimeZone;
  }
  getTimeZone(): string {
    return this.o.scriptTimeZone;
  }
  getActiveUser(): UserApi {
    return new UserApi(this.$, this.o.email);
  }
  getEffectiveUser(): UserApi {
    return new UserApi(this.$, this.o.email);
  }
  getTemporaryActiveUserKey(): string {
    return 'AbCdEfStandInTemporaryUserKey0000000000';
  }
}

// =====================================================================================
// Utilities
// =====================================================================================

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function offsetString(offMs: number, style: 'Z' | 'X' | 'XX' | 'XXX'): string {
  if (offMs === 0 && style !== 'Z') return 'Z';
  const sign = offMs < 0 ? '-' : '+';
  const m = Math.abs(Math.round(offMs / 60_000));
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  if (style === 'X') return `${sign}${hh}`;
  if (style === 'XXX') return `${sign}${hh}:${mm}`;
  return `${sign}${hh}${mm}`;
}

/** Java SimpleDateFormat (English names), as Utilities.formatDate uses. */
export function simpleDateFormat(ms: number, timeZone: string, pattern: string): string {
  const tz = validTimeZone(timeZone) ? timeZone : 'UTC';
  const c = civil(ms, tz);
  const off = tzOffset(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const j = pattern.indexOf("'", i + 1);
      out += j < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, j);
      i = j < 0 ? pattern.length : j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    const num = (v: number) => String(v).padStart(n, '0');
    switch (ch) {
      case 'G':
        out += c.y > 0 ? 'AD' : 'BC';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? String(c.y % 100).padStart(2, '0') : num(c.y);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[c.mo - 1] : n === 3 ? MONTHS[c.mo - 1].slice(0, 3) : num(c.mo);
        break;
      case 'd':
        out += num(c.d);
        break;
      case 'D': {
        const doy = Math.round((Date.UTC(c.y, c.mo - 1, c.d) - Date.UTC(c.y, 0, 1)) / 86_400_000) + 1;
        out += num(doy);
        break;
      }
      case 'E':
        out += n >= 4 ? DAYS[c.dow] : DAYS[c.dow].slice(0, 3);
        break;
      case 'u':
        out += num(c.dow === 0 ? 7 : c.dow);
        break;
      case 'a':
        out += c.h < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += num(c.h);
        break;
      case 'k':
        out += num(c.h === 0 ? 24 : c.h);
        break;
      case 'K':
        out += num(c.h % 12);
        break;
      case 'h':
        out += num(c.h % 12 || 12);
        break;
      case 'm':
        out += num(c.mi);
        break;
      case 's':
        out += num(c.s);
        break;
      case 'S':
        out += num(c.ms);
        break;
      case 'z':
        out += off === 0 ? 'UTC' : `GMT${offsetString(off, 'XXX')}`;
        break;
      case 'Z':
        out += offsetString(off, 'Z');
        break;
      case 'X':
        out += offsetString(off, n === 1 ? 'X' : n === 2 ? 'XX' : 'XXX');
        break;
      default:
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}

/** Java String.format subset: %s %d %f %.Nf %x %o %e %b %c %% with flags and widths. */
export function javaFormat(template: string, args: unknown[]): string {
  let k = 0;
  return template.replace(/%([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([sdfxXoeEbcSn%])/g, (_m, flags: string, width: string, prec: string, conv: string) => {
    if (conv === '%') return '%';
    if (conv === 'n') return '\n';
    const a = args[k++];
    let s: string;
    switch (conv) {
      case 'd':
        s = String(Math.trunc(Number(a)));
        if (flags.includes(',')) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        if (flags.includes('+') && Number(a) >= 0) s = `+${s}`;
        break;
      case 'f':
        s = Number(a).toFixed(prec === undefined ? 6 : Number(prec));
        if (flags.includes(',')) {
          const [ip, fp] = s.split('.');
          s = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fp ? `.${fp}` : '');
        }
        if (flags.includes('+') && Number(a) >= 0) s = `+${s}`;
        break;
      case 'e':
      case 'E':
        s = Number(a).toExponential(prec === undefined ? 6 : Number(prec));
        if (conv === 'E') s = s.toUpperCase();
        break;
      case 'x':
      case 'X':
        s = Math.trunc(Number(a)).toString(16);
        if (conv === 'X') s = s.toUpperCase();
        break;
      case 'o':
        s = Math.trunc(Number(a)).toString(8);
        break;
      case 'b':
        s = String(a !== null && a !== undefined && a !== false);
        break;
      case 'c':
        s = typeof a === 'number' ? String.fromCharCode(a) : String(a).charAt(0);
        break;
      case 'S':
        s = String(a).toUpperCase();
        break;
      default:
        s = String(a);
        if (prec !== undefined) s = s.slice(0, Number(prec));
    }
    if (width && s.length < Number(width)) {
      if (flags.includes('-')) s = s.padEnd(Number(width));
      else if (flags.includes('0') && /[dfxXoeE]/.test(conv)) {
        const neg = s.startsWith('-') || s.startsWith('+');
        s = neg ? s[0] + s.slice(1).padStart(Number(width) - 1, '0') : s.padStart(Number(width), '0');
      } else s = s.padStart(Number(width));
    }
    return s;
  });
}

const toSigned = (buf: Uint8Array): number[] => Array.from(buf, (b) => (b > 127 ? b - 256 : b));

function toBuffer(data: unknown, charset?: unknown): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 0xff));
  const cs = enumName(charset ?? null);
  return Buffer.from(String(data), cs === 'US_ASCII' ? 'latin1' : 'utf8');
}

const DIGESTS: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };
const HMACS: Record<string, string> = {
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

export class BlobApi {
  constructor(
    public $: Ctx,
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    return toSigned(this.bytes);
  }
  getDataAsString(charset?: string): string {
    return this.bytes.toString(charset && /ascii/i.test(charset) ? 'latin1' : 'utf8');
  }
  setDataFromString(string: string, charset?: string): BlobApi {
    this.bytes = toBuffer(string, charset);
    return this;
  }
  setBytes(data: number[]): BlobApi {
    this.bytes = toBuffer(data);
    return this;
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string | null): BlobApi {
    this.contentType = contentType;
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): BlobApi {
    this.name = name;
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
  copyBlob(): BlobApi {
    return new BlobApi(this.$, Buffer.from(this.bytes), this.contentType, this.name);
  }
}

export class UtilitiesApi {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly Charset = Charset;
  private uuidCounter = 0;
  constructor(public $: Ctx) {}
  formatDate(date: Date, timeZone: string, format: string): string {
    if (Object.prototype.toString.call(date) !== '[object Date]' || typeof timeZone !== 'string' || typeof format !== 'string')
      throw signatureError(this.$, [date, timeZone, format], 'Utilities.formatDate');
    const ms = date.getTime();
    if (!Number.isFinite(ms)) throw this.$.exception('Invalid argument: date');
    try {
      return simpleDateFormat(ms, timeZone, format);
    } catch (e) {
      throw this.$.exception(`Invalid argument: format (${(e as Error).message})`);
    }
  }
  formatString(template: string, ...args: unknown[]): string {
    return javaFormat(String(template), args);
  }
  computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
    const alg = DIGESTS[enumName(algorithm) ?? ''];
    if (!alg) throw signatureError(this.$, [algorithm, value], 'Utilities.computeDigest');
    return toSigned(crypto.createHash(alg).update(toBuffer(value, charset)).digest());
  }
  computeHmacSignature(algorithm: unknown, value: unknown, key: unknown, charset?: unknown): number[] {
    const alg = HMACS[enumName(algorithm) ?? ''];
    if (!alg) throw signatureError(this.$, [algorithm, value, key], 'Utilities.computeHmacSignature');
    return toSigned(crypto.createHmac(alg, toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
    return toSigned(crypto.createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  base64Encode(data: unknown, charset?: unknown): string {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: unknown): string {
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(String(encoded).replace(/\s/g, ''))) throw this.$.exception('Could not decode string.');
    return toSigned(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return toSigned(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  newBlob(data: unknown, contentType?: string, name?: string): BlobApi {
    return new BlobApi(this.$, toBuffer(data ?? ''), contentType ?? null, name ?? null);
  }
  /** Advances the stand-in clock instead of blocking. */
  sleep(milliseconds: number): void {
    if (typeof milliseconds !== 'number' || !(milliseconds >= 0)) throw signatureError(this.$, [milliseconds], 'Utilities.sleep');
    this.$.clock.advance(milliseconds);
  }
  /** Deterministic version-4 style UUIDs (the stand-in must be reproducible). */
  getUuid(): string {
    const h = crypto
      .createHash('sha1')
      .update(`standin-uuid-${++this.uuidCounter}`)
      .digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

// =====================================================================================
// HtmlService and the Ui
// =====================================================================================

export class HtmlOutputApi {
  title = '';
  width = 0;
  height = 0;
  sandboxMode: string | null = 'IFRAME';
  xFrameOptionsMode: string | null = 'DEFAULT';
  metaTags: { name: string; content: string }[] = [];
  faviconUrl: string | null = null;
  constructor(
    public $: Ctx,
    public content: string,
  ) {}
  getContent(): string {
    return this.content;
  }
  setContent(content: string): HtmlOutputApi {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): HtmlOutputApi {
    this.content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): HtmlOutputApi {
    this.content += String(addedContent).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    return this;
  }
  clear(): HtmlOutputApi {
    this.content = '';
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): HtmlOutputApi {
    this.title = String(title);
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setWidth(width: number): HtmlOutputApi {
    this.width = width;
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  setHeight(height: number): HtmlOutputApi {
    this.height = height;
    return this;
  }
  setSandboxMode(mode: unknown): HtmlOutputApi {
    this.sandboxMode = enumName(mode);
    return this;
  }
  setXFrameOptionsMode(mode: unknown): HtmlOutputApi {
    this.xFrameOptionsMode = enumName(mode);
    return this;
  }
  addMetaTag(name: string, content: string): HtmlOutputApi {
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }
  getMetaTags(): { getName(): string; getContent(): string }[] {
    return this.metaTags.map((t) => ({ getName: () => t.name, getContent: () => t.content }));
  }
  setFaviconUrl(iconUrl: string): HtmlOutputApi {
    this.faviconUrl = String(iconUrl);
    return this;
  }
  getFaviconUrl(): string | null {
    return this.faviconUrl;
  }
}

export class HtmlServiceApi {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(
    public $: Ctx,
    private htmlDir: string,
  ) {}
  createHtmlOutput(html?: string): HtmlOutputApi {
    return new HtmlOutputApi(this.$, html === undefined || html === null ? '' : String(html));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutputApi {
    const name = String(filename);
    const file = path.resolve(this.htmlDir, name.endsWith('.html') ? name : `${name}.html`);
    if (!fs.existsSync(file)) throw this.$.exception(`No HTML file named ${name} was found.`);
    return new HtmlOutputApi(this.$, fs.readFileSync(file, 'utf8'));
  }
}

export interface MenuItemRecord {
  caption?: string;
  functionName?: string;
  separator?: true;
  submenu?: MenuRecord;
}

export interface MenuRecord {
  title: string;
  addon: boolean;
  items: MenuItemRecord[];
}

export interface DialogRecord {
  title: string;
  html: string;
  width: number;
  height: number;
  modal: boolean;
}

export interface SidebarRecord {
  title: string;
  html: string;
  /** Sheets sidebars are 300 px wide whatever setWidth says. */
  width: number;
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: string;
  response: string;
}

export interface UiRecord {
  menus: MenuRecord[];
  sidebars: SidebarRecord[];
  /** The sidebar currently open (the last one shown). */
  sidebar: SidebarRecord | null;
  dialogs: DialogRecord[];
  alerts: AlertRecord[];
  prompts: (AlertRecord & { text: string })[];
  toasts: { message: string; title: string; timeoutSeconds: number }[];
  /** Queue of answers for the next alert/prompt calls (default: the first button of the set, empty text). */
  responses: { button?: EnumValue | string; text?: string }[];
}

export class MenuApi {
  constructor(
    public $: Ctx,
    private ui: UiRecord,
    public record: MenuRecord,
  ) {}
  addItem(caption: string, functionName: string): MenuApi {
    if (typeof caption !== 'string' || typeof functionName !== 'string') throw signatureError(this.$, [caption, functionName], 'Menu.addItem');
    this.record.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): MenuApi {
    this.record.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: MenuApi): MenuApi {
    if (!(menu instanceof MenuApi)) throw signatureError(this.$, [menu], 'Menu.addSubMenu');
    this.record.items.push({ submenu: menu.record });
    return this;
  }
  addToUi(): void {
    const i = this.ui.menus.findIndex((m) => m.title === this.record.title && m.addon === this.record.addon);
    if (i >= 0) this.ui.menus[i] = this.record;
    else this.ui.menus.push(this.record);
  }
}

export class PromptResponseApi {
  constructor(
    public $: Ctx,
    private text: string,
    private button: EnumValue,
  ) {}
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): EnumValue {
    return this.button;
  }
}

export class UiApi {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(
    public $: Ctx,
    private record: UiRecord,
    private addonName: string,
  ) {}
  createMenu(caption: string): MenuApi {
    if (typeof caption !== 'string') throw signatureError(this.$, [caption], 'Ui.createMenu');
    return new MenuApi(this.$, this.record, { title: caption, addon: false, items: [] });
  }
  createAddonMenu(): MenuApi {
    return new MenuApi(this.$, this.record, { title: this.addonName, addon: true, items: [] });
  }
  showSidebar(userInterface: HtmlOutputApi): void {
    if (!(userInterface instanceof HtmlOutputApi)) throw signatureError(this.$, [userInterface], 'Ui.showSidebar');
    const sb = { title: userInterface.title, html: userInterface.content, width: 300 };
    this.record.sidebars.push(sb);
    this.record.sidebar = sb;
  }
  showModalDialog(userInterface: HtmlOutputApi, title: string): void {
    this._dialog(userInterface, title, true);
  }
  showModelessDialog(userInterface: HtmlOutputApi, title: string): void {
    this._dialog(userInterface, title, false);
  }
  _dialog(ui: HtmlOutputApi, title: string, modal: boolean): void {
    if (!(ui instanceof HtmlOutputApi)) throw signatureError(this.$, [ui, title], modal ? 'Ui.showModalDialog' : 'Ui.showModelessDialog');
    this.record.dialogs.push({ title: String(title ?? ''), html: ui.content, width: ui.width || 600, height: ui.height || 400, modal });
  }
  _answer(buttons: EnumValue): { button: EnumValue; text: string } {
    const next = this.record.responses.shift();
    const set = buttons.name();
    const first = set === 'YES_NO' || set === 'YES_NO_CANCEL' ? Button.YES : Button.OK;
    const name = next?.button === undefined ? first.name() : enumName(next.button);
    const button = (name && Button[name]) || first;
    return { button, text: next?.text ?? '' };
  }
  _args(args: unknown[], method: string): { title: string; prompt: string; buttons: EnumValue } {
    const isSet = (v: unknown) => v !== undefined && Object.values(ButtonSet).includes(v as EnumValue);
    if (args.length === 1 && typeof args[0] === 'string') return { title: '', prompt: args[0], buttons: ButtonSet.OK };
    if (args.length === 2 && typeof args[0] === 'string' && isSet(args[1])) return { title: '', prompt: args[0], buttons: args[1] as EnumValue };
    if (args.length === 3 && typeof args[0] === 'string' && typeof args[1] === 'string' && isSet(args[2]))
      return { title: args[0], prompt: args[1], buttons: args[2] as EnumValue };
    throw signatureError(this.$, args, method);
  }
  alert(...args: unknown[]): EnumValue {
    const a = this._args(args, 'Ui.alert');
    const ans = this._answer(a.buttons);
    this.record.alerts.push({ title: a.title, prompt: a.prompt, buttons: a.buttons.name(), response: ans.button.name() });
    return ans.button;
  }
  prompt(...args: unknown[]): PromptResponseApi {
    const a = this._args(args, 'Ui.prompt');
    const ans = this._answer(a.buttons);
    this.record.prompts.push({ title: a.title, prompt: a.prompt, buttons: a.buttons.name(), response: ans.button.name(), text: ans.text });
    return new PromptResponseApi(this.$, ans.text, ans.button);
  }
}

// =====================================================================================
// Logger, console, ScriptApp, Charts
// =====================================================================================

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Object.prototype.toString.call(v) === '[object Date]') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export class LoggerApi {
  constructor(public $: Ctx) {}
  log(data: unknown, ...values: unknown[]): LoggerApi {
    const text = typeof data === 'string' && values.length ? javaFormat(data, values) : show(data);
    this.$.log('log', text);
    return this;
  }
  getLog(): string {
    return this.$.logs
      .filter((l) => l.level === 'log')
      .map((l) => l.text)
      .join('\n');
  }
  clear(): void {
    this.$.logs.length = 0;
  }
}

export class ConsoleApi {
  constructor(public $: Ctx) {}
  log(...args: unknown[]): void {
    this.$.log('log', args.map(show).join(' '));
  }
  info(...args: unknown[]): void {
    this.$.log('info', args.map(show).join(' '));
  }
  warn(...args: unknown[]): void {
    this.$.log('warn', args.map(show).join(' '));
  }
  error(...args: unknown[]): void {
    this.$.log('error', args.map((a) => (a instanceof Error ? a.stack || a.message : show(a))).join(' '));
  }
  debug(...args: unknown[]): void {
    this.$.log('log', args.map(show).join(' '));
  }
  time(_label?: string): void {}
  timeEnd(_label?: string): void {}
}

export class ScriptAppApi {
  readonly AuthMode = AuthMode;
  constructor(public $: Ctx) {}
  getScriptId(): string {
    return 'standin-script-id';
  }
}

export class ChartsApi {
  readonly ChartType = ChartType;
  readonly ChartHiddenDimensionStrategy = ChartHiddenDimensionStrategy;
  readonly ChartMergeStrategy = ChartMergeStrategy;
  readonly LegendPosition = LegendPosition;
  readonly Position = Position;
  constructor(public $: Ctx) {}
}

instrument(PropertiesServiceApi, 'PropertiesService');
instrument(PropertiesApi, 'Properties');
instrument(CacheServiceApi, 'CacheService');
instrument(CacheApi, 'Cache');
instrument(LockServiceApi, 'LockService');
instrument(LockApi, 'Lock');
instrument(SessionApi, 'Session');
instrument(UserApi, 'User');
instrument(UtilitiesApi, 'Utilities');
instrument(BlobApi, 'Blob');
instrument(HtmlServiceApi, 'HtmlService');
instrument(HtmlOutputApi, 'HtmlOutput');
instrument(MenuApi, 'Menu');
instrument(PromptResponseApi, 'PromptResponse');
instrument(UiApi, 'Ui');
instrument(LoggerApi, 'Logger');
instrument(ScriptAppApi, 'ScriptApp');
