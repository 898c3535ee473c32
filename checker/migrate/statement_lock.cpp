#include "migrate/statement_lock.hpp"

#include "util/text.hpp"

namespace plumb {
namespace {

using nlohmann::json;

std::string relation_name(const json& relation) {
  const std::string table = relation.value("relname", "");
  const std::string schema = relation.value("schemaname", "");
  return schema.empty() ? table : schema + "." + table;
}

// DROP lists each object as a List of String names: ["schema", "name"].
std::vector<std::vector<std::string>> dropped_name_parts(const json& drop) {
  std::vector<std::vector<std::string>> names;
  for (const auto& object : drop.value("objects", json::array())) {
    std::vector<std::string> parts;
    for (const auto& part : object.value("List", json::object()).value("items", json::array()))
      parts.push_back(part.value("String", json::object()).value("sval", ""));
    names.push_back(parts);
  }
  return names;
}

std::vector<std::string> dropped_objects(const json& drop) {
  std::vector<std::string> names;
  for (const auto& parts : dropped_name_parts(drop)) names.push_back(join(parts, "."));
  return names;
}

StatementLock index_lock(const json& index) {
  const std::vector<std::string> table{relation_name(index.at("relation"))};
  if (index.value("concurrent", false))
    return {"SHARE UPDATE EXCLUSIVE", table, "reads and writes continue; waits for older transactions"};
  return {"SHARE", table, "blocks writes (INSERT, UPDATE, DELETE) until the build ends"};
}

StatementLock drop_lock(const json& drop) {
  const std::string type = drop.value("removeType", "");
  const auto objects = dropped_objects(drop);
  if (type == "OBJECT_INDEX" && drop.value("concurrent", false))
    return {"SHARE UPDATE EXCLUSIVE", objects, "on the index's table; reads and writes continue"};
  if (type == "OBJECT_INDEX")
    return {"ACCESS EXCLUSIVE", objects, "on the index's table; blocks reads and writes"};
  return {"ACCESS EXCLUSIVE", objects, "blocks reads and writes"};
}

// CREATE TABLE locks nothing that exists, except the tables its foreign keys name.
StatementLock create_table_lock(const json& create) {
  StatementLock lock{"none", {}, "new table"};
  for (const auto& element : create.value("tableElts", json::array())) {
    for (const auto& constraint : element.value("ColumnDef", json::object()).value("constraints", json::array()))
      if (constraint.value("Constraint", json::object()).contains("pktable"))
        lock.tables.push_back(relation_name(constraint["Constraint"]["pktable"]));
    const auto& table_constraint = element.value("Constraint", json::object());
    if (table_constraint.contains("pktable")) lock.tables.push_back(relation_name(table_constraint["pktable"]));
  }
  if (!lock.tables.empty()) lock = {"SHARE ROW EXCLUSIVE", lock.tables, "on referenced tables; blocks writes to them"};
  return lock;
}

StatementLock dml_lock(const json& statement) {
  return {"ROW EXCLUSIVE", {relation_name(statement.at("relation"))}, "row locks; other writers continue"};
}

}  // namespace

StatementLock lock_taken(const SqlStatement& statement) {
  const std::string kind = statement.kind();
  const json& node = statement.tree().at(kind);
  if (kind == "IndexStmt") return index_lock(node);
  if (kind == "DropStmt") return drop_lock(node);
  if (kind == "CreateStmt") return create_table_lock(node);
  if (kind == "AlterTableStmt")
    return {"ACCESS EXCLUSIVE", {relation_name(node.at("relation"))}, "blocks reads and writes (most ALTER TABLE forms)"};
  if (kind == "InsertStmt" || kind == "UpdateStmt" || kind == "DeleteStmt") return dml_lock(node);
  if (kind == "SelectStmt") return {"ACCESS SHARE", {}, "reads only"};
  if (kind == "DoStmt") return {"depends on the body", {}, "a DO block: read its statements"};
  if (kind == "CommentStmt" || kind == "VariableSetStmt") return {"none", {}, "no table lock"};
  return {"unknown", {}, "not modelled by plumb: check the PostgreSQL docs"};
}

bool waits_for_older_transactions(const SqlStatement& statement) {
  const std::string kind = statement.kind();
  const json& node = statement.tree().at(kind);
  if (kind == "IndexStmt" || kind == "DropStmt") return node.value("concurrent", false);
  return kind == "ReindexStmt" && node.dump().find("concurrently") != std::string::npos;
}

bool needs_autocommit(const SqlStatement& statement) {
  const std::string kind = statement.kind();
  if (waits_for_older_transactions(statement)) return true;
  // ANALYZE shares VACUUM's node; only VACUUM is refused in a transaction.
  if (kind == "VacuumStmt") return statement.tree().at(kind).value("is_vacuumcmd", false);
  return kind == "CreatedbStmt" || kind == "DropdbStmt" || kind == "AlterSystemStmt";
}

std::optional<RelationName> concurrent_index_built(const SqlStatement& statement) {
  if (statement.kind() != "IndexStmt") return std::nullopt;
  const json& index = statement.tree().at("IndexStmt");
  if (!index.value("concurrent", false) || !index.contains("idxname")) return std::nullopt;
  return RelationName{index.at("relation").value("schemaname", ""), index.value("idxname", "")};
}

std::vector<RelationName> relations_touched(const SqlStatement& statement) {
  const std::string kind = statement.kind();
  const json& node = statement.tree().at(kind);
  if (kind == "IndexStmt")
    return {RelationName{node.at("relation").value("schemaname", ""), node.at("relation").value("relname", "")}};
  if (kind != "DropStmt" || node.value("removeType", "") != "OBJECT_INDEX") return {};
  std::vector<RelationName> indexes;
  for (const auto& parts : dropped_name_parts(node)) {
    if (parts.size() == 1) indexes.push_back({"", parts[0]});
    if (parts.size() == 2) indexes.push_back({parts[0], parts[1]});
  }
  return indexes;
}

}  // namespace plumb
