#!/bin/sh
# Stand-in for Prisma's schema engine, which cannot be downloaded on these machines.
# `prisma generate` only checks that this file exists; anything that would run it fails loudly.
echo "the schema engine is not available on this machine; use the project's migrate command (npm run db:migrate)" >&2
exit 1
