// Sanitizer builds: these tests start MPI. OpenMPI and its plugins are built without frame
// pointers, so LeakSanitizer's fast unwinder truncates their allocation stacks and the
// suppressions in tests/lsan.supp cannot match them; the slow unwinder sees whole stacks.
// (LSAN_OPTIONS from the environment still applies on top of this default.)
#if defined(__SANITIZE_ADDRESS__)
#define TAIFENG_LSAN_HOOK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TAIFENG_LSAN_HOOK 1
#endif
#endif

#ifdef TAIFENG_LSAN_HOOK
extern "C" const char* __lsan_default_options() {
  return "fast_unwind_on_malloc=0";
}
#endif
