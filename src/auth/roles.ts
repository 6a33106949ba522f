/** Newsroom roles, most powerful first. The permission matrix lives with the newsroom core. */
export const ROLES = ['admin', 'editor', 'author', 'contributor'] as const;
export type Role = (typeof ROLES)[number];
