// How a relationship's last contact and trend read in the stakeholder panel and along warm-introduction paths.
import { expect, it } from 'vitest';
import { daysAgoText, isCooling, relationshipText } from '../../../client/src/lib/components/relationship-text.js';

const NOW = Date.UTC(2026, 10, 29, 12);
const ago = (days: number): string => new Date(NOW - days * 86_400_000).toISOString();

it('says how long ago, in the unit a person would use', () => {
  expect(daysAgoText(ago(0), NOW)).toBe('today');
  expect(daysAgoText(ago(1), NOW)).toBe('yesterday');
  expect(daysAgoText(ago(12), NOW)).toBe('12 days ago');
  expect(daysAgoText(ago(150), NOW)).toBe('5 months ago');
  expect(daysAgoText(ago(800), NOW)).toBe('2 years ago');
  expect(daysAgoText('not a date', NOW)).toBe('');
});

it('calls a relationship cooling when its strength fell by 0.05 or more over the window', () => {
  expect(isCooling({ strength: 0.3, strengthBefore: 0.6 })).toBe(true);
  expect(isCooling({ strength: 0.58, strengthBefore: 0.6 })).toBe(false);
  expect(isCooling({ strength: 0.7, strengthBefore: 0.2 })).toBe(false);
});

it('words a relationship with its last contact, recent interactions and owner', () => {
  expect(relationshipText({ lastInteractionAt: ago(12), recentInteractionCount: 9, owner: { name: 'Erin Cole' } }, NOW)).toBe(
    'last met 12 days ago · 9 interactions in 6 months · owner Erin Cole',
  );
  expect(relationshipText({ lastInteractionAt: ago(400), recentInteractionCount: 1, owner: null }, NOW)).toBe(
    'last met 13 months ago · 1 interaction in 6 months',
  );
  expect(relationshipText({ lastInteractionAt: null, recentInteractionCount: 0 }, NOW)).toBe('0 interactions in 6 months');
});
