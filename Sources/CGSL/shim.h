#ifndef ABKIT_CGSL_SHIM_H
#define ABKIT_CGSL_SHIM_H

// The parts of GSL that ABStats calls. Nothing here leaks into a public Swift API:
// ABStats imports CGSL internally and converts every status code into a Swift error.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_log.h>
#include <gsl/gsl_sf_exp.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_roots.h>

/// GSL exposes its generator types as mutable globals, which Swift 6 refuses to read from
/// concurrent code; this accessor returns the Mersenne Twister type without touching them.
static inline const gsl_rng_type *abkit_rng_mt19937(void) { return gsl_rng_mt19937; }

/// Brent's bracketing root solver type, read through an accessor for the same reason.
static inline const gsl_root_fsolver_type *abkit_root_fsolver_brent(void) { return gsl_root_fsolver_brent; }

#endif
