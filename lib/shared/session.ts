// The caller's identity as the browser sees it (GET /api/session) and the support sign-in body.
import { z } from "zod";

/** `supportSignIn`: the server has a SUPPORT_TOKEN, so the sign-in form can work. */
export type SessionDto = { userId: string; role: "user" | "support"; supportSignIn: boolean };

export const supportSignInSchema = z.object({ token: z.string().min(1, "Enter the support token").max(500) });
