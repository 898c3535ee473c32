#include "support/schema_validator.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace plumb::testing {
namespace {

std::string write_temporary(const std::string& text) {
  char path[] = "/tmp/plumb-validate-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  close(fd);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// The paths are our own temporary files and source paths, so a shell
// command line is safe here.
Validation run(const std::string& command, const std::string& document_path) {
  const std::string output_path = write_temporary("");
  const int status = std::system((command + " >" + output_path + " 2>&1").c_str());
  std::ifstream in(output_path);
  std::stringstream output;
  output << in.rdbuf();
  std::remove(output_path.c_str());
  std::remove(document_path.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output.str()};
}

}  // namespace

Validation validate_xml(const std::string& xml, const std::string& xsd_path) {
  const std::string path = write_temporary(xml);
  return run("xmllint --noout --schema '" + xsd_path + "' '" + path + "'", path);
}

Validation validate_json(const std::string& json, const std::string& schema_path) {
  const std::string path = write_temporary(json);
  return run("/usr/bin/python3 '" PLUMB_SOURCE_DIR "/tests/report/validate_json_schema.py' '" + schema_path + "' '" +
                 path + "'",
             path);
}

}  // namespace plumb::testing
