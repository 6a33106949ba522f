import { describe, expect, it } from 'vitest';
import { findingsColumn, integrityOf, siteIntegrityOptions, storedFindings } from './article-integrity.js';

const SPAM = '<p><a href="https://bet.example.com/">澳門賭場</a></p>';

describe('article integrity', () => {
  it('stores findings as JSON and reads them back', () => {
    const column = findingsColumn(SPAM);
    expect(JSON.parse(column)).toEqual([expect.objectContaining({ rule: 'spam-anchor' })]);
    expect(integrityOf({ integrity_findings: column, body_html: '<p>ignored: the stored findings win</p>' }).verdict).toBe('flagged');
    expect(integrityOf({ integrity_findings: '[]', body_html: SPAM })).toEqual({ verdict: 'clean', findings: [] });
  });

  it('inspects rows saved before the guard (or with an unreadable column) on the fly', () => {
    expect(storedFindings({ integrity_findings: null, body_html: SPAM })).toHaveLength(1);
    expect(storedFindings({ integrity_findings: 'not json', body_html: SPAM })).toHaveLength(1);
  });

  it('derives the site’s options from its configuration', () => {
    expect(siteIntegrityOptions({ siteUrl: 'https://news.example.tw', guardAllowedDomains: [] })).toEqual({ siteDomains: ['news.example.tw'] });
    expect(siteIntegrityOptions({ siteUrl: 'https://news.example.tw', guardAllowedDomains: ['cna.com.tw'] })).toEqual({ siteDomains: ['news.example.tw'], allowedDomains: ['cna.com.tw'] });
    const body = '<p><a href="https://a.example.net/">甲</a><a href="https://b.example.net/">乙</a><a href="https://c.example.net/">丙</a></p>';
    expect(JSON.parse(findingsColumn(body, siteIntegrityOptions({ siteUrl: 'https://n.example', guardAllowedDomains: ['cna.com.tw'] })))).toEqual([expect.objectContaining({ rule: 'outbound-domains' })]);
    expect(JSON.parse(findingsColumn(body, siteIntegrityOptions({ siteUrl: 'https://n.example' })))).toEqual([]);
  });
});
