import "server-only";

/**
 * The person asking: their anonymous user id (from the session cookie) and
 * role. Every read goes through it: a user sees only their own rows, support
 * sees everyone's (guarantee 8).
 */
export type Viewer = { userId: string; role: "user" | "support" };

/** Whether `viewer` may read a row owned by `ownerId`. */
export const canRead = (viewer: Viewer, ownerId: string): boolean => viewer.role === "support" || ownerId === viewer.userId;
