// StaleRowSweep: moves the rows a stale_rows rule finds stuck out of their
// state, as the rule's sweep action says. Guarded: the update re-checks the
// rule's condition and threshold itself, so a row that made progress since
// the scan, or that a live transaction is working on, is left alone.
#pragma once

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "sweep/sweep_action.hpp"

namespace plumb {

using RowValues = std::vector<std::optional<std::string>>;  // nullopt is SQL NULL

// Rows of the swept table: their primary key, the `show` columns and the
// `follow_up` columns, each as text.
struct SweptRows {
  std::vector<std::string> key_columns;
  std::vector<std::string> show_columns;
  std::vector<std::string> follow_up_columns;
  struct Row {
    RowValues key, shown, follow_up;
  };
  std::vector<Row> rows;
  // Every row stale at the scan, also those a limit left out (counted only
  // when the limit was reached; otherwise rows.size()).
  std::size_t stale = 0;
};

struct SweepSafety {
  // How long the update waits for a row or table lock before it gives up:
  // a sweep must never queue in front of the application's own writes.
  std::chrono::milliseconds lock_timeout{5000};
  std::chrono::milliseconds statement_timeout{60000};
};

class StaleRowSweep {
 public:
  StaleRowSweep(SweepAction action, SweepSafety safety = {});

  // The rows stale now, oldest first; at most `limit` of them unless `limit`
  // is 0, with how many are stale in all. Reads in a READ ONLY transaction. Throws RuntimeFailure when the
  // table has no primary key (rows could not be named for the update), and
  // what the database throws.
  SweptRows scan(pqxx::connection& connection, int limit) const;

  // Moves those of `candidates` that are still stale, in one UPDATE that
  // re-checks the condition and threshold and skips rows locked by a live
  // transaction, then commits. Returns the rows it really moved (RETURNING).
  SweptRows apply(pqxx::connection& connection, const SweptRows& candidates) const;

  const SweepAction& action() const { return m_action; }

 private:
  std::vector<std::string> primary_key(pqxx::transaction_base& transaction,
                                       std::vector<std::string>& types) const;
  std::string stale_condition(pqxx::transaction_base& transaction) const;
  std::string returned_columns(const std::vector<std::string>& key) const;
  SweptRows rows_of(const pqxx::result& result, const std::vector<std::string>& key) const;
  void set_timeouts(pqxx::transaction_base& transaction) const;

  SweepAction m_action;
  SweepSafety m_safety;
};

}  // namespace plumb
