import type * as FastXmlParser from 'fast-xml-parser';
import { AppError } from '../errors/index.js';
import { ingestMessages } from './messages.js';
import { lazyRequire } from '../lazy.js';

/** fast-xml-parser, required on the first parse or build, not at start (the ingest routes load with the server). */
export const fastXmlParser = lazyRequire<typeof FastXmlParser>('fast-xml-parser');

/** A parsed XML node as fast-xml-parser gives it: text, or an object of children and `@_` attributes. */
export type XmlNode = string | { readonly [key: string]: unknown };

const ALWAYS_ARRAYS = new Set(['item', 'entry', 'category', 'link', 'author', 'wp:category', 'wp:tag', 'wp:author', 'wp:postmeta', 'dc:creator', 'media:content', 'media:thumbnail', 'enclosure', 'dc:subject']);

/**
 * Parses XML, first checking that it is well formed so that a truncated or broken file is a
 * clear `JD_ERR_INGEST_UNREADABLE` naming the line, not a half-read source. Entities of a
 * DOCTYPE are not expanded (no billion laughs); HTML entities in text are.
 */
export function parseXml(text: string, kind: string): Record<string, unknown> {
  const { XMLParser, XMLValidator } = fastXmlParser();
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) {
    throw new AppError('JD_ERR_INGEST_UNREADABLE', { kind, reason: ingestMessages.notXml(`line ${valid.err.line}: ${valid.err.msg}`) });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => ALWAYS_ARRAYS.has(name),
  });
  return parser.parse(text) as Record<string, unknown>;
}

/** The text of a node: its string, or its `#text`. */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'object') return textOf((node as Record<string, unknown>)['#text']);
  return '';
}

/** An attribute of a node. */
export function attrOf(node: unknown, name: string): string {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return '';
  const v = (node as Record<string, unknown>)[`@_${name}`];
  return typeof v === 'string' ? v.trim() : '';
}

/** A child list (always an array). */
export function listOf(node: unknown): unknown[] {
  if (node === undefined || node === null || node === '') return [];
  return Array.isArray(node) ? node : [node];
}

/** A child object, or an empty one. */
export function child(node: unknown, name: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  return (node as Record<string, unknown>)[name];
}
