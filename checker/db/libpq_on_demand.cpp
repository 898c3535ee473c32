// libpq, loaded the first time plumb calls it.
//
// Why: libpq brings some thirty libraries with it (Kerberos, LDAP, GnuTLS,
// OpenSSL), and loading them at process start cost more CPU than
// `plumb lint` spends on a whole folder of migrations (bench/RESULTS.md,
// lint). A command that never connects should not pay for a database
// client. So plumb links libpqxx statically and defines here every libpq
// function that libpqxx and plumb call; the first call dlopens libpq.so.5
// and resolves them all at once, later calls go through a pointer.
//
// Each definition below must match libpq-fe.h, which is included: a
// mismatch is a compile error ("conflicting declaration of C function"),
// not a crash at run time. There is no header: libpq-fe.h declares them.
#include <dlfcn.h>
#include <libpq-events.h>
#include <libpq-fe.h>

#include <mutex>
#include <stdexcept>
#include <string>

// pg_encoding_to_char is exported by libpq but declared in PostgreSQL's
// server headers only; libpqxx declares it itself, the same way.
extern "C" const char* pg_encoding_to_char(int encoding);

namespace plumb::db {
namespace {

constexpr const char* libpq_soname = "libpq.so.5";

// Every libpq function libpqxx and plumb call; the linker lists any
// missing one as an undefined reference.
#define PLUMB_LIBPQ_FUNCTIONS(X)                                                                  \
  X(PQbackendPID) X(PQcancel) X(PQclear) X(PQclientEncoding) X(PQcmdStatus) X(PQcmdTuples)        \
  X(PQconnectPoll) X(PQconnectStart) X(PQconnectdb) X(PQconninfoFree) X(PQconninfoParse)          \
  X(PQconsumeInput) X(PQdb) X(PQencryptPassword) X(PQendcopy) X(PQerrorMessage)                   \
  X(PQescapeByteaConn) X(PQescapeIdentifier) X(PQescapeStringConn) X(PQexec) X(PQexecParams)      \
  X(PQexecPrepared) X(PQfinish) X(PQfname) X(PQfnumber) X(PQfreeCancel) X(PQfreemem) X(PQftable)  \
  X(PQftablecol) X(PQftype) X(PQgetCancel) X(PQgetCopyData) X(PQgetResult) X(PQgetisnull)         \
  X(PQgetlength) X(PQgetvalue) X(PQhost) X(PQisBusy) X(PQisthreadsafe) X(PQnfields) X(PQnotifies) \
  X(PQntuples) X(PQoidValue) X(PQport) X(PQprepare) X(PQprotocolVersion) X(PQputCopyData)         \
  X(PQputCopyEnd) X(PQregisterEventProc) X(PQreset) X(PQresultErrorField)                         \
  X(PQresultErrorMessage) X(PQresultStatus) X(PQsendQuery) X(PQserverVersion)                     \
  X(PQsetClientEncoding) X(PQsetErrorVerbosity) X(PQsetNoticeProcessor) X(PQsocket) X(PQstatus)   \
  X(PQtrace) X(PQunescapeBytea) X(PQuntrace) X(PQuser) X(lo_close) X(lo_creat) X(lo_export)       \
  X(lo_import) X(lo_lseek) X(lo_open) X(lo_read) X(lo_tell) X(lo_unlink) X(lo_write)              \
  X(pg_encoding_to_char)

struct LibpqFunctions {
#define PLUMB_LIBPQ_POINTER(name) decltype(&::name) name = nullptr;
  PLUMB_LIBPQ_FUNCTIONS(PLUMB_LIBPQ_POINTER)
#undef PLUMB_LIBPQ_POINTER
};

LibpqFunctions loaded_functions;
std::string load_failure;  // why libpq could not be loaded; empty once it is
std::once_flag load_once;

// Resolves every function, or says what is missing. Nothing here throws:
// an exception thrown inside std::call_once unwinds through glibc's
// pthread_once, whose cleanup frame aborts the process instead.
std::string resolve_all(void* library, LibpqFunctions& functions) {
#define PLUMB_LIBPQ_RESOLVE(name)                                                      \
  functions.name = reinterpret_cast<decltype(&::name)>(dlsym(library, #name));        \
  if (functions.name == nullptr)                                                       \
    return std::string(libpq_soname) + " has no function " + #name +                   \
           ": plumb needs libpq from PostgreSQL 15 or later";
  PLUMB_LIBPQ_FUNCTIONS(PLUMB_LIBPQ_RESOLVE)
#undef PLUMB_LIBPQ_RESOLVE
  return "";
}

void load_libpq() noexcept {
  // RTLD_NOW: a missing function is found here, once, rather than in the
  // middle of a migration.
  void* library = dlopen(libpq_soname, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    load_failure = std::string("cannot load ") + libpq_soname + " (" + dlerror() +
                   "): install PostgreSQL's client library (Debian: libpq5)";
    return;
  }
  LibpqFunctions functions;
  load_failure = resolve_all(library, functions);
  if (load_failure.empty()) loaded_functions = functions;
}

// Every pointer is set before any is used: after the first call returns,
// reading them takes no lock, so the interrupt watcher's PQcancel is safe.
// A libpq that could not be loaded fails every call the same way.
const LibpqFunctions& libpq() {
  std::call_once(load_once, load_libpq);
  if (!load_failure.empty()) throw std::runtime_error(load_failure);
  return loaded_functions;
}

}  // namespace
}  // namespace plumb::db

using plumb::db::libpq;

extern "C" {

int PQbackendPID(const PGconn* conn) { return libpq().PQbackendPID(conn); }
int PQcancel(PGcancel* cancel, char* errbuf, int errbufsize) { return libpq().PQcancel(cancel, errbuf, errbufsize); }
void PQclear(PGresult* res) { libpq().PQclear(res); }
int PQclientEncoding(const PGconn* conn) { return libpq().PQclientEncoding(conn); }
char* PQcmdStatus(PGresult* res) { return libpq().PQcmdStatus(res); }
char* PQcmdTuples(PGresult* res) { return libpq().PQcmdTuples(res); }
PostgresPollingStatusType PQconnectPoll(PGconn* conn) { return libpq().PQconnectPoll(conn); }
PGconn* PQconnectStart(const char* conninfo) { return libpq().PQconnectStart(conninfo); }
PGconn* PQconnectdb(const char* conninfo) { return libpq().PQconnectdb(conninfo); }
void PQconninfoFree(PQconninfoOption* options) { libpq().PQconninfoFree(options); }
PQconninfoOption* PQconninfoParse(const char* conninfo, char** errmsg) { return libpq().PQconninfoParse(conninfo, errmsg); }
int PQconsumeInput(PGconn* conn) { return libpq().PQconsumeInput(conn); }
char* PQdb(const PGconn* conn) { return libpq().PQdb(conn); }
char* PQencryptPassword(const char* passwd, const char* user) { return libpq().PQencryptPassword(passwd, user); }
int PQendcopy(PGconn* conn) { return libpq().PQendcopy(conn); }
char* PQerrorMessage(const PGconn* conn) { return libpq().PQerrorMessage(conn); }
unsigned char* PQescapeByteaConn(PGconn* conn, const unsigned char* from, size_t from_length, size_t* to_length) {
  return libpq().PQescapeByteaConn(conn, from, from_length, to_length);
}
char* PQescapeIdentifier(PGconn* conn, const char* str, size_t len) { return libpq().PQescapeIdentifier(conn, str, len); }
size_t PQescapeStringConn(PGconn* conn, char* to, const char* from, size_t length, int* error) {
  return libpq().PQescapeStringConn(conn, to, from, length, error);
}
PGresult* PQexec(PGconn* conn, const char* query) { return libpq().PQexec(conn, query); }
PGresult* PQexecParams(PGconn* conn, const char* command, int nParams, const Oid* paramTypes,
                       const char* const* paramValues, const int* paramLengths, const int* paramFormats,
                       int resultFormat) {
  return libpq().PQexecParams(conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats,
                              resultFormat);
}
PGresult* PQexecPrepared(PGconn* conn, const char* stmtName, int nParams, const char* const* paramValues,
                         const int* paramLengths, const int* paramFormats, int resultFormat) {
  return libpq().PQexecPrepared(conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat);
}
void PQfinish(PGconn* conn) { libpq().PQfinish(conn); }
char* PQfname(const PGresult* res, int field_num) { return libpq().PQfname(res, field_num); }
int PQfnumber(const PGresult* res, const char* field_name) { return libpq().PQfnumber(res, field_name); }
void PQfreeCancel(PGcancel* cancel) { libpq().PQfreeCancel(cancel); }
void PQfreemem(void* ptr) { libpq().PQfreemem(ptr); }
Oid PQftable(const PGresult* res, int field_num) { return libpq().PQftable(res, field_num); }
int PQftablecol(const PGresult* res, int field_num) { return libpq().PQftablecol(res, field_num); }
Oid PQftype(const PGresult* res, int field_num) { return libpq().PQftype(res, field_num); }
PGcancel* PQgetCancel(PGconn* conn) { return libpq().PQgetCancel(conn); }
int PQgetCopyData(PGconn* conn, char** buffer, int async) { return libpq().PQgetCopyData(conn, buffer, async); }
PGresult* PQgetResult(PGconn* conn) { return libpq().PQgetResult(conn); }
int PQgetisnull(const PGresult* res, int tup_num, int field_num) { return libpq().PQgetisnull(res, tup_num, field_num); }
int PQgetlength(const PGresult* res, int tup_num, int field_num) { return libpq().PQgetlength(res, tup_num, field_num); }
char* PQgetvalue(const PGresult* res, int tup_num, int field_num) { return libpq().PQgetvalue(res, tup_num, field_num); }
char* PQhost(const PGconn* conn) { return libpq().PQhost(conn); }
int PQisBusy(PGconn* conn) { return libpq().PQisBusy(conn); }
int PQisthreadsafe(void) { return libpq().PQisthreadsafe(); }
int PQnfields(const PGresult* res) { return libpq().PQnfields(res); }
PGnotify* PQnotifies(PGconn* conn) { return libpq().PQnotifies(conn); }
int PQntuples(const PGresult* res) { return libpq().PQntuples(res); }
Oid PQoidValue(const PGresult* res) { return libpq().PQoidValue(res); }
char* PQport(const PGconn* conn) { return libpq().PQport(conn); }
PGresult* PQprepare(PGconn* conn, const char* stmtName, const char* query, int nParams, const Oid* paramTypes) {
  return libpq().PQprepare(conn, stmtName, query, nParams, paramTypes);
}
int PQprotocolVersion(const PGconn* conn) { return libpq().PQprotocolVersion(conn); }
int PQputCopyData(PGconn* conn, const char* buffer, int nbytes) { return libpq().PQputCopyData(conn, buffer, nbytes); }
int PQputCopyEnd(PGconn* conn, const char* errormsg) { return libpq().PQputCopyEnd(conn, errormsg); }
int PQregisterEventProc(PGconn* conn, PGEventProc proc, const char* name, void* passThrough) {
  return libpq().PQregisterEventProc(conn, proc, name, passThrough);
}
void PQreset(PGconn* conn) { libpq().PQreset(conn); }
char* PQresultErrorField(const PGresult* res, int fieldcode) { return libpq().PQresultErrorField(res, fieldcode); }
char* PQresultErrorMessage(const PGresult* res) { return libpq().PQresultErrorMessage(res); }
ExecStatusType PQresultStatus(const PGresult* res) { return libpq().PQresultStatus(res); }
int PQsendQuery(PGconn* conn, const char* query) { return libpq().PQsendQuery(conn, query); }
int PQserverVersion(const PGconn* conn) { return libpq().PQserverVersion(conn); }
int PQsetClientEncoding(PGconn* conn, const char* encoding) { return libpq().PQsetClientEncoding(conn, encoding); }
PGVerbosity PQsetErrorVerbosity(PGconn* conn, PGVerbosity verbosity) { return libpq().PQsetErrorVerbosity(conn, verbosity); }
PQnoticeProcessor PQsetNoticeProcessor(PGconn* conn, PQnoticeProcessor proc, void* arg) {
  return libpq().PQsetNoticeProcessor(conn, proc, arg);
}
int PQsocket(const PGconn* conn) { return libpq().PQsocket(conn); }
ConnStatusType PQstatus(const PGconn* conn) { return libpq().PQstatus(conn); }
void PQtrace(PGconn* conn, FILE* debug_port) { libpq().PQtrace(conn, debug_port); }
unsigned char* PQunescapeBytea(const unsigned char* strtext, size_t* retbuflen) { return libpq().PQunescapeBytea(strtext, retbuflen); }
void PQuntrace(PGconn* conn) { libpq().PQuntrace(conn); }
char* PQuser(const PGconn* conn) { return libpq().PQuser(conn); }
int lo_close(PGconn* conn, int fd) { return libpq().lo_close(conn, fd); }
Oid lo_creat(PGconn* conn, int mode) { return libpq().lo_creat(conn, mode); }
int lo_export(PGconn* conn, Oid lobjId, const char* filename) { return libpq().lo_export(conn, lobjId, filename); }
Oid lo_import(PGconn* conn, const char* filename) { return libpq().lo_import(conn, filename); }
int lo_lseek(PGconn* conn, int fd, int offset, int whence) { return libpq().lo_lseek(conn, fd, offset, whence); }
int lo_open(PGconn* conn, Oid lobjId, int mode) { return libpq().lo_open(conn, lobjId, mode); }
int lo_read(PGconn* conn, int fd, char* buf, size_t len) { return libpq().lo_read(conn, fd, buf, len); }
int lo_tell(PGconn* conn, int fd) { return libpq().lo_tell(conn, fd); }
int lo_unlink(PGconn* conn, Oid lobjId) { return libpq().lo_unlink(conn, lobjId); }
int lo_write(PGconn* conn, int fd, const char* buf, size_t len) { return libpq().lo_write(conn, fd, buf, len); }
const char* pg_encoding_to_char(int encoding) { return libpq().pg_encoding_to_char(encoding); }

}  // extern "C"
