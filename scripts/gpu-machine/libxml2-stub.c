/* An empty libxml2.so.2 for a machine that has no libxml2: libLLVM needs it
 * at load time (its Windows-manifest merger, which Tessera never calls);
 * the one data symbol it binds at load time is defined. */
void *xmlFree;
