# Shortcuts; the scripts are the source of truth (they also work without make).
.PHONY: run test setup bindings bench package

run:
	scripts/run

test:
	scripts/test

setup:
	scripts/setup

# Regenerate ui/src/lib/bindings.ts after changing a command or a core type.
bindings:
	UPDATE_BINDINGS=1 cargo test -p taskforce-app generated_bindings

# Every benchmark against the budgets of docs/design.md §6; writes docs/benchmarks.md.
bench:
	scripts/bench

# The release app and the Linux packages (.deb, .rpm) into dist/, with sizes.
package:
	scripts/package
