// Stand-in for the `server-only` marker package in tests (it throws outside RSC bundles).
export {};
