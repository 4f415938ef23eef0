#ifndef ABKIT_CPREFETCH_H
#define ABKIT_CPREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for a later read, without waiting
/// for it. Swift has no prefetch intrinsic; a plain load would stall the thread on a miss.
static inline void abkit_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
