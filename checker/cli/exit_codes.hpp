// Exit codes: plumb's stable contract with scripts and CI (docs/exit-codes.md).
#pragma once

namespace plumb::cli {

enum ExitCode : int {
  k_exit_ok = 0,               // nothing at or above the failing severity
  k_exit_findings = 1,         // findings (or, for `migrate status`, pending work)
  k_exit_bad_input = 2,        // bad flags, rules, migration files, connection strings
  k_exit_runtime_failure = 3,  // cannot connect, a statement failed, a timeout
  k_exit_lock_busy = 4,        // another runner holds the migration lock
};

}  // namespace plumb::cli
