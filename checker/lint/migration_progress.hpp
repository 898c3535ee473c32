// MigrationProgress: what the statements of one migration file have done so
// far that later statements' hazards depend on: the transaction they run in
// (the tool's, or a BEGIN written in the file), the timeouts they set, and
// the constraints added NOT VALID in the transaction still open.
#pragma once

#include <map>
#include <string>

#include "migrate/sql_statement.hpp"

namespace plumb {

class MigrationProgress {
 public:
  // `tool_transaction`: the tool runs the whole file in one transaction.
  explicit MigrationProgress(bool tool_transaction) : m_tool_transaction(tool_transaction) {}

  // Records what `statement` does (BEGIN, COMMIT, SET, ADD CONSTRAINT ... NOT VALID).
  void apply(const SqlStatement& statement);

  bool tool_transaction() const { return m_tool_transaction; }
  // True while a statement runs in a transaction block: the tool's or the file's own.
  bool in_transaction() const { return m_tool_transaction || m_begin_line != 0; }
  // The line of the file's BEGIN still open, 0 when none is.
  int open_begin_line() const { return m_begin_line; }
  // True once the file has set lock_timeout (SET, SET LOCAL or set_config).
  bool lock_timeout_set() const { return m_lock_timeout_set; }
  // The line where `constraint` ("schema.table.name") was added NOT VALID in
  // the transaction still open, 0 when it was not.
  int added_not_valid_in_transaction(const std::string& constraint) const;

 private:
  void transaction_statement(const nlohmann::json& node, int line);
  void note_not_valid_constraints(const nlohmann::json& alter, int line);

  bool m_tool_transaction;
  int m_begin_line = 0;
  bool m_lock_timeout_set = false;
  std::map<std::string, int> m_not_valid;  // constraint -> the line that added it
};

}  // namespace plumb
