#include "lint/migration_progress.hpp"

#include "lint/parse_tree.hpp"

namespace plumb {
namespace {

using nlohmann::json;

// `SET lock_timeout = ...`, `SET LOCAL lock_timeout ...`, or a
// `SELECT set_config('lock_timeout', ...)` as some tools write it.
bool sets_lock_timeout(const SqlStatement& statement) {
  const json& tree = statement.tree();
  if (tree.contains("VariableSetStmt")) return tree["VariableSetStmt"].value("name", "") == "lock_timeout";
  if (!tree.contains("SelectStmt")) return false;
  const std::string text = tree.dump();
  return text.find("\"set_config\"") != std::string::npos && text.find("\"lock_timeout\"") != std::string::npos;
}

}  // namespace

void MigrationProgress::apply(const SqlStatement& statement) {
  const json& tree = statement.tree();
  if (tree.contains("TransactionStmt")) transaction_statement(tree["TransactionStmt"], statement.where().line);
  else if (tree.contains("AlterTableStmt")) note_not_valid_constraints(tree["AlterTableStmt"], statement.where().line);
  if (sets_lock_timeout(statement)) m_lock_timeout_set = true;
}

int MigrationProgress::added_not_valid_in_transaction(const std::string& constraint) const {
  const auto found = m_not_valid.find(constraint);
  return found == m_not_valid.end() ? 0 : found->second;
}

// A COMMIT or ROLLBACK ends the file's block, or the tool's transaction
// early; either way what was added NOT VALID before it is committed.
void MigrationProgress::transaction_statement(const json& node, int line) {
  const std::string kind = node.value("kind", "");
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
    if (m_begin_line == 0) m_begin_line = line;
  } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" || kind == "TRANS_STMT_COMMIT_PREPARED" ||
             kind == "TRANS_STMT_PREPARE") {
    m_begin_line = 0;
    m_tool_transaction = false;
    m_not_valid.clear();
  }
}

void MigrationProgress::note_not_valid_constraints(const json& alter, int line) {
  if (!in_transaction()) return;
  const std::string table = qualified_relation(alter.at("relation"));
  for (const auto& command : child(alter, "cmds")) {
    const json& cmd = child(command, "AlterTableCmd");
    if (cmd.value("subtype", "") != "AT_AddConstraint") continue;
    const json& constraint = child(child(cmd, "def"), "Constraint");
    if (constraint.value("skip_validation", false)) m_not_valid[table + "." + constraint.value("conname", "")] = line;
  }
}

}  // namespace plumb
