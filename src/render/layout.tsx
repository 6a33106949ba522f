import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { memoHtml } from './components/memo-html.js';
import { SearchForm } from './components/search-form.js';
import { Time } from './format.js';
import { canonicalOf, HeadMeta, JsonLdScripts, type PageMeta } from './head-meta.js';
import { link, xDefaultUrl } from './links.js';
import { ui as messages } from './i18n.js';
import type { Chrome, NavSection } from './models.js';

/** Props of {@link Layout}. */
export interface LayoutProps {
  readonly chrome: Chrome;
  readonly children: ComponentChildren;
  /** ISO instant the page is rendered for; shown as the date in the header. */
  readonly now: string;
  /** The home page titles itself "site name - tagline" instead of "title - site name". */
  readonly home?: boolean;
  /** Description fallback, social-card data, pagination links and structured data. */
  readonly meta?: PageMeta;
  /** Class on `<body>` so the stylesheet can tell pages apart. */
  readonly pageClass: string;
}

/** The `<title>` text: "title - site" on inner pages, "site - tagline" on the home page. */
export function documentTitle(chrome: Chrome, home = false): string {
  if (home) {
    const tagline = chrome.title && chrome.title !== chrome.siteName ? chrome.title : messages.tagline;
    return `${chrome.siteName} - ${tagline}`;
  }
  return chrome.title ? `${chrome.title} - ${chrome.siteName}` : chrome.siteName;
}

/**
 * A tiny inline icon (a white focus ring on the portal red). Browsers ask for /favicon.ico
 * when a page names no icon, and the 404 shows up as a console error on every first visit.
 */
const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%23c8102e'/%3E%3Ccircle cx='16' cy='16' r='8' fill='none' stroke='%23fff' stroke-width='4'/%3E%3C/svg%3E";

/**
 * The whole HTML document around a page: head (title, description, canonical, hreflang
 * alternates, feed, Open Graph, Twitter card, rel prev/next, stylesheet, JSON-LD), header (site name, date, search,
 * navigation, script switcher), main and footer.
 */
export function Layout(props: LayoutProps) {
  const { chrome } = props;
  // An editor's SEO title is the whole title, as Ghost's meta title is.
  const title = props.meta?.head?.title || documentTitle(chrome, props.home);
  const xDefault = xDefaultUrl(chrome);
  return (
    <html lang={chrome.htmlLang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="canonical" href={canonicalOf(chrome, props.meta)} />
        {chrome.alternates.map((a) => (
          <link key={a.variant} rel="alternate" hreflang={a.hreflang} href={a.url} />
        ))}
        {xDefault && <link rel="alternate" hreflang="x-default" href={xDefault} />}
        <link rel="alternate" type="application/rss+xml" title={chrome.siteName} href={chrome.feedUrl} />
        <HeadMeta chrome={chrome} title={props.home ? chrome.siteName : chrome.title || chrome.siteName} meta={props.meta} />
        <link rel="icon" href={ICON} type="image/svg+xml" />
        <link rel="stylesheet" href={chrome.stylesheet} />
        <JsonLdScripts items={props.meta?.jsonLd} />
      </head>
      <body class={props.pageClass}>
        <a class="skip-link" href="#main">
          {messages.skipToContent}
        </a>
        <Header chrome={chrome} now={props.now} home={props.home ?? false} />
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        {memoHtml(uiOwner(chrome), `footer|${chrome.href('/')}|${chrome.siteName}|${chrome.feedUrl}|${navSignature(chrome.nav)}`, () => <Footer chrome={chrome} />, CHROME_MEMO_MAX)}
      </body>
    </html>
  );
}

function Header({ chrome, now, home }: { chrome: Chrome; now: string; home: boolean }) {
  // The site name is the page's h1 only on the home page; elsewhere the page title is.
  const Brand = home ? 'h1' : 'p';
  return (
    <header class="site-header">
      <div class="masthead wrap">
        <div class="brand">
          <Brand class="site-name">
            <a href={chrome.href('/')} rel="home">
              {chrome.siteName}
            </a>
          </Brand>
          <p class="site-date">
            <Time iso={now} timeZone={chrome.timezone} dateOnly weekday />
          </p>
        </div>
        <SearchForm chrome={chrome} id="site-search-q" class="header-search" label={messages.siteSearch} />
        <VariantSwitcher chrome={chrome} />
      </div>
      {memoHtml(uiOwner(chrome), `nav|${chrome.href('/')}|${home ? 1 : 0}|${chrome.currentSection ?? ''}|${navSignature(chrome.nav)}`, () => <Nav chrome={chrome} home={home} />, CHROME_MEMO_MAX)}
    </header>
  );
}

function VariantSwitcher({ chrome }: { chrome: Chrome }) {
  if (chrome.alternates.length < 2) return null;
  return (
    <nav class="variant-switcher" aria-label={messages.variantSwitcher}>
      <ul>
        {chrome.alternates.map((a) => {
          const current = a.variant === chrome.variant;
          return (
            <li key={a.variant}>
              <a
                href={a.url}
                hreflang={a.hreflang}
                lang={a.hreflang}
                class={current ? 'is-current' : undefined}
                aria-current={current ? 'true' : undefined}
              >
                {a.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/*
 * The navigation and the footer are the same on most pages of a variant, yet were rendered
 * element by element on every page. Their markup is kept per UI table (one per dictionary
 * state and variant, so the strings they show are part of the owner) and per key: everything
 * else they read (link prefix, current section, site name, feed, the sections' names and URLs).
 */
const CHROME_MEMO_MAX = 256;
/** Owner of the markup when a model carries no UI table (tests): the base table is constant. */
const BASE_UI = {};
const signatures = new WeakMap<readonly NavSection[], string>();

function uiOwner(chrome: Chrome): object {
  return chrome.messages ?? BASE_UI;
}

/** The sections' names, slugs and URLs in one string: the part of the key that comes from the section tree. */
function navSignature(nav: readonly NavSection[]): string {
  let sig = signatures.get(nav);
  if (sig === undefined) {
    const part = (s: { slug: string; name: string; url: string }) => `${s.slug}\u0001${s.name}\u0001${s.url}`;
    sig = nav.map((s) => `${part(s)}\u0002${s.children.map(part).join('\u0003')}`).join('\u0004');
    signatures.set(nav, sig);
  }
  return sig;
}

function isCurrent(chrome: Chrome, slug: string): boolean {
  return chrome.currentSection !== undefined && chrome.currentSection === slug;
}

function Nav({ chrome, home }: { chrome: Chrome; home: boolean }) {
  return (
    <nav class="site-nav" aria-label={messages.mainNav}>
      <ul class="wrap">
        <li>
          <a href={chrome.href('/')} aria-current={home ? 'page' : undefined}>
            {messages.home}
          </a>
        </li>
        {chrome.nav.map((s) => (
          <NavItem key={s.slug} chrome={chrome} section={s} />
        ))}
      </ul>
    </nav>
  );
}

function NavItem({ chrome, section }: { chrome: Chrome; section: NavSection }) {
  const childCurrent = section.children.some((c) => isCurrent(chrome, c.slug));
  return (
    <li class={childCurrent ? 'has-current' : undefined}>
      <a href={link(chrome, section.url)} aria-current={isCurrent(chrome, section.slug) ? 'true' : undefined}>
        {section.name}
      </a>
      {section.children.length > 0 && (
        <ul class="sub-nav">
          {section.children.map((c) => (
            <li key={c.slug}>
              <a href={link(chrome, c.url)} aria-current={isCurrent(chrome, c.slug) ? 'true' : undefined}>
                {c.name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Footer({ chrome }: { chrome: Chrome }) {
  return (
    <footer class="site-footer">
      <div class="wrap">
        {chrome.nav.length > 0 && (
          <nav aria-label={messages.footerSections}>
            <ul class="footer-sections">
              {chrome.nav.map((s) => (
                <li key={s.slug}>
                  <a href={link(chrome, s.url)}>{s.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <p>
          <a class="rss-link" href={chrome.feedUrl} type="application/rss+xml">
            {messages.rss}
          </a>
        </p>
        <p class="fictional-note">{messages.fictionalNote}</p>
        <p class="copyright">{messages.copyright(chrome.siteName)}</p>
      </div>
    </footer>
  );
}

/**
 * Serializes a page's root element to a complete HTML document string.
 *
 * @example
 * renderDocument(<Layout …>…</Layout>) // '<!doctype html><html lang="zh-Hant">…'
 */
export function renderDocument(root: VNode): string {
  return `<!doctype html>${render(root)}`;
}
