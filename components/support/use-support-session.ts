"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/api";
import { queries } from "@/lib/client/queries";
import type { SessionDto } from "@/lib/shared/session";

/**
 * The browser's session (`{userId, role, supportSignIn}` from GET /api/session)
 * with support sign-in and sign-out (POST/DELETE /api/session/support). Both
 * change what every list shows, so on success every query is refetched.
 * `signIn.error` is an ApiError: 401 wrong_token, 403 support_disabled, 400.
 */
export function useSupportSession() {
  const queryClient = useQueryClient();
  const session = useQuery(queries.session());
  const onSuccess = (next: SessionDto) => {
    queryClient.setQueryData(queries.session().queryKey, next);
    void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== "session" });
  };
  const signIn = useMutation({
    mutationFn: (token: string) => fetchJson<SessionDto>("/api/session/support", { method: "POST", body: JSON.stringify({ token }) }),
    onSuccess,
  });
  const signOut = useMutation({
    mutationFn: () => fetchJson<SessionDto>("/api/session/support", { method: "DELETE" }),
    onSuccess,
  });
  return { session: session.data, isSupport: session.data?.role === "support", signIn, signOut };
}
