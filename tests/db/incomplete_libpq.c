/* A libpq.so.5 that is not PostgreSQL's: it exports one function and none of
 * those plumb calls, as a wrong or truncated libpq would. libpq_on_demand_test
 * puts it first on LD_LIBRARY_PATH to see how plumb fails to load libpq. */
int PQlibVersion(void) { return 150000; }
