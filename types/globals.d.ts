// The namespaces the extension's classic scripts define on globalThis (content scripts cannot be
// ES modules in MV3, so every script reaches the others through these), for `tsc --checkJs`
// (tsconfig.json). Each script's assignment `global.bioflagX = ...` is checked against the type
// here, and every use of it too. The data shapes are JSDoc typedefs in the scripts that describe
// them: MatchRecord and EngineClient (shared/engine-core.js), Settings, StoredList and
// SettingsChange (shared/storage.js), Block (content/blocks.js), BackgroundRequest
// (background/background.js), PageRecord (content/scanner.js).

/** The wasm engine, as src/wasm.rs exports it (both glues, `--target web` and `no-modules`). */
interface WasmEngine {
  resetDocument(): void;
  setDocument(facts: Uint32Array): void;
  documentFacts(): Uint32Array;
  resolve(records: Uint32Array): Uint32Array;
  input(capacity: number): number;
  scan(lengths: Uint32Array, keepPending: boolean): Uint32Array;
  candidates(written: number, max: number): Uint32Array;
  card(entity: number | string): EngineCard | null;
  entities(): EngineEntity[];
  info(): EngineInfo;
  fingerprintPattern(): string | undefined;
  aliasText(entity: number, alias: number): string;
  free?(): void;
}
interface WasmGlue {
  (options: { module_or_path: string | URL | Response | BufferSource | WebAssembly.Module }): Promise<{ memory: WebAssembly.Memory }>;
  Engine: new (lists: { name: string; text: string }[]) => WasmEngine;
  checkList(text: string, name: string): ListCheck | null;
  importReport(text: string, name: string): Partial<ImportReport> & Partial<ListCheck>;
}
/** What importReport says of a list that loads: the lines check-list prints. */
interface ImportReport {
  report: { kind?: string; text?: string; [field: string]: unknown }[];
}
/** Per imported list (storage.js `subscriptions`): whether and how it is kept up to date. */
interface Subscription {
  every?: 'daily' | 'weekly' | null;
  checkedAt?: number | null;
  changedAt?: number | null;
  error?: string | null;
  etag?: string | null;
  lastModified?: string | null;
}
/** What checkList says of a list that does not load: every problem, by line and field. */
interface ListCheck {
  errors: { line: number; column: number; field?: string; message: string }[];
}
/** An entity of the engine: what a record needs to be shown and filtered. */
interface EngineEntity {
  id: string;
  name: string;
  /** The Chinese name in simplified and in traditional characters, where the catalog has them. */
  name_zh?: string | null;
  name_zh_hant?: string | null;
  tier: string;
  family?: string;
}
interface EngineInfo {
  version: string;
  updated: string;
  entities: number;
  lists: string[];
}
/** A card as the engine resolves it (src/card.rs), rendered by ui/card.js only. */
interface EngineCard {
  id: string;
  name: string;
  tier: string;
  [field: string]: unknown;
}

/** What the engine and the JavaScript share (build/wasm/constants.js, generated from the engine). */
interface BioflagConstants {
  recordFields: number;
  dropped: number;
  evidence: { strong: number; context: number; block: number; document: number; pending: number };
  tiers: readonly { name: string; label: string }[];
  elements: { about: string; skipped: readonly string[]; inline: readonly string[]; void: readonly string[]; lineBreak: string };
}

/** build-flags.js: written by the build; the e2e tests' copies turn test hooks on. */
interface BioflagBuild {
  test: boolean;
  version: string;
  browser: 'chromium' | 'firefox';
  forceMarks?: boolean;
  fullWalk?: boolean;
  passChars?: number;
  importTimeoutMs?: number;
  [flag: string]: unknown;
}

interface BioflagPlatform {
  api: typeof chrome;
  toBackground(message: BackgroundRequest): Promise<any>;
  url(path: string): string;
  openOrClosedShadowRoot(el: Element): ShadowRoot | null;
  isExtensionPage(): boolean;
}

interface BioflagI18n {
  t(key: string, subs?: (string | number)[]): string;
  localize(root: Document | Element): void;
  /** The interface language as a BCP 47 tag ("zh-TW"), or '' without an i18n API. */
  uiLanguage(): string;
}

interface BioflagFrames {
  MAX_FRAMES: number;
  framePosition(self: Window, limit: number): number;
  frameCount(win: Window, limit: number): number;
  pastCap(self: Window): boolean;
}

interface BioflagStorage {
  SCHEMA: number;
  TIERS: string[];
  defaultSettings(): Settings;
  normalizeSettings(stored: unknown): Settings;
  migrate(data: { settings?: unknown; lists?: unknown }): { schema: number; settings: Settings; lists: unknown[] };
  migrateStored(): Promise<boolean>;
  load(): Promise<{ settings: Settings; lists: StoredList[] }>;
  loadSettings(): Promise<Settings>;
  updateSettings(change: (settings: Settings) => void): Promise<Settings>;
  applyChange(settings: Settings, change: SettingsChange): void;
  changeSettings(change: SettingsChange): Promise<unknown>;
  updateLists(change: (lists: StoredList[]) => StoredList[] | void): Promise<StoredList[]>;
  saveLists(lists: StoredList[]): Promise<StoredList[]>;
  listsChanged(changes: Record<string, chrome.storage.StorageChange>): boolean;
  isPaused(settings: Settings, host: string): boolean;
  isException(settings: Settings, host: string, entityId: string, alias: string): boolean;
  hasLists(): Promise<boolean>;
  loadSubscriptions(): Promise<Record<string, Subscription>>;
  updateSubscriptions(change: (subscriptions: Record<string, Subscription>) => void): Promise<Record<string, Subscription>>;
}

interface BioflagEngineCore {
  FIELDS: number;
  DROPPED: number;
  useGlue(module: { default: WasmGlue; Engine: WasmGlue['Engine']; checkList: WasmGlue['checkList'] }): void;
  init(wasmUrl: string | URL): Promise<{ memory: WebAssembly.Memory }>;
  build(lists?: { name: string; text: string }[]): WasmEngine;
  scan(engine: WasmEngine, exports: { memory: WebAssembly.Memory }, segments: string[], keepPending?: boolean): Uint32Array;
  records(flat: ArrayLike<number>): MatchRecord[];
  scanDocument(engine: WasmEngine, exports: { memory: WebAssembly.Memory }, segments: string[], facts: number[]): { matches: Uint32Array; facts: number[] };
  resolve(engine: WasmEngine, facts: number[], records: number[]): number[];
  candidates(engine: WasmEngine, exports: { memory: WebAssembly.Memory }, text: string): Uint32Array | null;
  patternSearch(source: string | null): (text: string) => number[] | null;
  checkList(text: string, name: string): ListCheck | null;
  importReport(text: string, name: string): Partial<ImportReport> & Partial<ListCheck>;
}

interface BioflagCardHover {
  HOVER_OPEN_MS: number;
  HOVER_CLOSE_MS: number;
  create<T>(side: HoverSide<T>): HoverIntent<T>;
}

/** ui/card.js: the context card, the same DOM in the extension and on the website. */
interface BioflagCard {
  render(card: EngineCard, options?: {
    match?: { text: string; alias?: string; evidence?: number };
    onClose?: () => void;
    document?: Document;
    t?: (key: string, subs?: (string | number)[]) => string;
    [option: string]: unknown;
  }): HTMLElement;
  css: string;
  evidenceText(code: number, t?: (key: string, subs?: (string | number)[]) => string): string;
  isSafeUrl(url: string): boolean;
  MESSAGES: Record<string, string>;
  messageKey(...parts: string[]): string;
  /** The Chinese name in the reader's script (traditional for zh-TW/HK/MO, zh-Hant), with its tag. */
  chineseName(names: { name_zh?: string | null; name_zh_hant?: string | null }, lang?: string): { text: string; lang: string } | null;
}

interface BioflagBlocks {
  OWN_ATTRIBUTE: string;
  TICK: { readonly tick: true };
  blocksIn(root: Node, onShadowRoot?: (root: ShadowRoot) => void, onHidden?: (el: Element) => void, ownShadow?: boolean): Generator<Block | BioflagBlocks['TICK']>;
  rendersText(el: Element): boolean;
  isUnslotted(node: Node): boolean;
  blockOf(node: Node): Node | null;
  isInline(el: Element): boolean;
  isSkipped(el: Element, designMode?: string): boolean;
  insideSkipped(node: Node): boolean;
  /** The text node and offset of a UTF-16 offset in a block's text (`isEnd`: a range's end). */
  locate(block: Block, offset: number, isEnd?: boolean): [Text, number];
}

/** Where some alias's fingerprint starts in `text`, ascending; null: anywhere (see engine-core.js). */
type CandidateSearch = (text: string) => ArrayLike<number> | null;

interface BioflagFind {
  CHUNK_CHARS: number;
  blocksOf(root: Node, search: CandidateSearch, onShadowRoot?: (root: ShadowRoot) => void,
    onHidden?: (el: Element) => void, stats?: object): Generator<Block | BioflagBlocks['TICK']>;
  exactRoots(root: Node, search: CandidateSearch, onShadowRoot?: (root: ShadowRoot) => void, stats?: object): Generator<Node>;
}

interface Painter {
  /** Paints it; false when its text changed since the scan (the fallback only). */
  add(record: PageRecord): boolean;
  remove(record: PageRecord): void;
  /** Paints the records `isShown` shows, unpaints the others; returns those it could not paint. */
  paint(list: PageRecord[], isShown: (record: PageRecord) => boolean): PageRecord[];
  clear(): void;
  recordAt(doc: Document, x: number, y: number, shadowRoots?: ShadowRoot[]): PageRecord | null;
  /** `guard(change)` runs each change the painter makes to the page's DOM (the <mark> fallback's). */
  setGuard(guard: <T>(change: () => T) => T): void;
  painted: Set<PageRecord>;
  readonly size: number;
}
/** content/marks.js: the painter's <mark> fallback. */
interface BioflagMarks {
  wrap(record: PageRecord): boolean;
  unwrap(record: PageRecord): void;
  order(list: PageRecord[]): PageRecord[];
}

/** content/records.js: the match records of one document. */
interface RecordStore {
  add(record: PageRecord, options?: { pending?: boolean }): boolean;
  confirm(record: PageRecord): boolean;
  remove(record: PageRecord): void;
  dropWhere(test: (record: PageRecord) => boolean): PageRecord[];
  dropRemoved(): PageRecord[];
  dropUnder(units: Node[]): PageRecord[];
  under(roots: Node[], budget: number): Set<PageRecord> | null;
  noteRemoved(node: Node): void;
  noteMovedText(): void;
  takeUnpainted(all: boolean): PageRecord[];
  setShown(record: PageRecord, on: boolean): void;
  indexStart(record: PageRecord): void;
  clear(): PageRecord[];
  isLive(record: PageRecord): boolean;
  all(): PageRecord[];
  confirmed(): PageRecord[];
  isPending(record: PageRecord): boolean;
  readonly full: boolean;
  readonly size: number;
  shownIds(): string[];
}
interface BioflagRecords {
  create(options: { doc: Document; maxRecords?: number; maxRemoved?: number }): RecordStore;
  connected(record: PageRecord): boolean;
  isUnder(roots: Node[]): (record: PageRecord) => boolean;
  byDocumentOrder(a: PageRecord, b: PageRecord): number;
  MAX_RECORDS: number;
}

/** content/scheduler.js: when the scanner flushes, and what. */
interface FlushScheduler {
  queue(unit: Node | null): void;
  schedule(): void;
  account(): void;
  takeUnits(): Node[];
  restart(): void;
  stop(): void;
  readonly delay: number;
  readonly stopped: boolean;
  readonly idle: boolean;
}
interface FlushSlices {
  readonly start: number;
  due(): boolean;
  end(): void;
  next(): Promise<void>;
}
interface BioflagScheduler {
  create(options: {
    whole: () => Node;
    flush: () => Promise<unknown>;
    afterFlush?: (result: unknown) => void;
    more?: () => boolean;
    now?: () => number;
    stats?: { delay: number };
  }): FlushScheduler;
  slices(stats: { longestSliceMs: number; busyMs: number }, now?: () => number): FlushSlices;
  SLICE_MS: number;
  BASE_DELAY_MS: number;
  MAX_DELAY_MS: number;
  WINDOW_MS: number;
  BUSY_FLUSHES_PER_WINDOW: number;
  FLOOD_UNITS: number;
}

/** content/reveal.js: hidden text that visibility attribute changes may show. */
interface RevealWatcher {
  onHidden(el: Element): void;
  onAttributeChange(el: Node): boolean;
  look(): void;
  clear(): void;
  readonly pending: boolean;
  readonly hiddenCount: number;
}
interface BioflagReveal {
  create(options: {
    queue: (unit: Node) => void;
    blocks?: Pick<BioflagBlocks, 'blockOf' | 'isInline' | 'insideSkipped' | 'rendersText'>;
    maxHidden?: number;
    maxChecks?: number;
  }): RevealWatcher;
  VISIBILITY_ATTRIBUTES: string[];
  MAX_HIDDEN: number;
  MAX_REVEAL_CHECKS: number;
}
interface BioflagHighlight {
  supported: boolean;
  createPainter(): Painter;
  RULES: string;
}

interface CardHost {
  open(record: PageRecord, data: EngineCard, options?: { actions?: object; focus?: boolean; trigger?: Element | null }): void;
  close(restore?: boolean): void;
  containsPoint(x: number, y: number): boolean;
  focusCard(): boolean;
  readonly record: PageRecord | null;
  readonly trigger: Element | null;
  readonly keyboard: boolean;
  readonly host: Element | null;
  returnedTo: Element | null;
  [member: string]: unknown;
}
interface BioflagCardHost {
  create(doc: Document, onToggle?: () => void): CardHost;
}

interface BioflagEngineClient {
  create(hasLists: boolean): Promise<EngineClient>;
}

interface Scanner {
  start(): void;
  stop(): void;
  paint(force?: boolean): void;
  mentions(): PageRecord[];
  shadowRoots(): ShadowRoot[];
  readonly idle: boolean;
  readonly stats: { flushes: number; passMillions: number; capped: { text: boolean; mentions: boolean }; [stat: string]: unknown };
  [member: string]: unknown;
}
interface BioflagScanner {
  create(options: {
    doc: Document;
    client: EngineClient;
    entities: EngineEntity[];
    painter: Painter;
    isShown: (record: PageRecord) => boolean;
    onChange: () => void;
  }): Scanner;
}

interface Interaction {
  start(): void;
  stop(): void;
  next(options?: { entity?: string; focus?: boolean }): PageRecord | null;
  readonly idle: boolean;
}
interface BioflagInteraction {
  create(options: {
    doc: Document;
    scanner: Scanner;
    painter: Painter;
    cardHost: CardHost;
    openCard: (record: PageRecord, options: { focus: boolean; trigger?: Element }) => unknown;
  }): Interaction;
}

declare var bioflagConstants: BioflagConstants;
declare var bioflagBuild: BioflagBuild | undefined;
declare var bioflagPlatform: BioflagPlatform;
declare var bioflagI18n: BioflagI18n;
declare var bioflagFrames: BioflagFrames;
declare var bioflagStorage: BioflagStorage;
declare var bioflagEngineCore: BioflagEngineCore;
declare var bioflagCardHover: BioflagCardHover;
declare var bioflagCard: BioflagCard;
declare var bioflagBlocks: BioflagBlocks;
declare var bioflagFind: BioflagFind;
declare var bioflagHighlight: BioflagHighlight;
declare var bioflagMarks: BioflagMarks;
declare var bioflagRecords: BioflagRecords;
declare var bioflagScheduler: BioflagScheduler;
declare var bioflagReveal: BioflagReveal;
declare var bioflagCardHost: BioflagCardHost;
declare var bioflagEngineClient: BioflagEngineClient;
declare var bioflagScanner: BioflagScanner;
declare var bioflagInteraction: BioflagInteraction;
/** The built-in catalog's page-level fingerprints (content/fingerprints.js, written by the build). */
declare var bioflagFingerprints: { pattern: string; ignored: string };
/** Set once a frame's gate / full content script has run, so a second injection does nothing. */
declare var bioflagGateStarted: boolean | undefined;
declare var bioflagContentStarted: boolean | undefined;
/** The background's shortcut listener, called by the e2e tests (headless browsers send no shortcuts). */
declare var bioflagOnCommand: (command: string) => Promise<boolean>;
/** Firefox's promise-based WebExtensions API; Chromium's `chrome` is used the same way. */
declare var browser: typeof chrome | undefined;
/** The `--target no-modules` wasm glue's global (a top-level `let`, not a globalThis property). */
declare var wasm_bindgen: WasmGlue;
/** Classic service workers (the Chromium background). */
declare function importScripts(...urls: string[]): void;

/** The website's copies of extension and build files (www/build.mjs puts them beside its modules). */
declare module '*/wasm/bioflag.js' {
  const init: WasmGlue;
  export default init;
  export const Engine: WasmGlue['Engine'];
  export const checkList: WasmGlue['checkList'];
}
declare module '*/messages.js' {
  /** The extension's messages, by locale (from extension/src/_locales). */
  export const MESSAGES: Record<string, Record<string, string>>;
}
/** build/wasm/constants.js, a classic script imported for its global (bioflagConstants). */
declare module '*/constants.js' {}

/** Newer than the DOM library: Chromium's hit-test of the page's highlights (where present). */
interface HighlightRegistry {
  highlightsFromPoint?(x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }): HighlightHit[];
}
/** A hit: `{highlight, ranges}` as specified; early Chromium builds gave the Highlight itself. */
interface HighlightHit {
  highlight?: Highlight;
  ranges?: AbstractRange[];
}

/**
 * The localisation markers (data-i18n, data-i18n-attr, data-i18n-subs) are put on HTML elements
 * of the extension's pages and the website's, so what they select is an HTMLElement.
 */
interface ParentNode {
  querySelectorAll(selectors: `[data-i18n${string}]`): NodeListOf<HTMLElement>;
}
