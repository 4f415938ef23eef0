# Reference values of Tests/ABKitTests/Analysis/SummaryAnalyzerTimelineTests.swift:
# cumulative relative lifts with delta-method intervals (z for rates, Welch t quantile for means).
import numpy as np
from scipy import stats
z = stats.norm.ppf(0.975)
def prop(nc, xc, nv, xv):
    pc, pv = xc/nc, xv/nv
    vc, vv = pc*(1-pc)/nc, pv*(1-pv)/nv
    lift = pv/pc - 1
    se = np.sqrt(vv/pc**2 + pv**2*vc/pc**4)
    return pv - pc, lift, lift - z*se, lift + z*se
print("prop d1", [repr(x) for x in prop(100, 10, 100, 15)])
print("prop d2", [repr(x) for x in prop(300, 40, 300, 51)])
def mean(a, b):
    a, b = np.array(a, float), np.array(b, float)
    vc, vv = a.var(ddof=1)/len(a), b.var(ddof=1)/len(b)
    df = (vc+vv)**2/(vc**2/(len(a)-1) + vv**2/(len(b)-1))
    t = stats.t.ppf(0.975, df)
    mc, mv = a.mean(), b.mean()
    lift = mv/mc - 1
    se = np.sqrt(vv/mc**2 + mv**2*vc/mc**4)
    r = stats.ttest_ind(b, a, equal_var=False)
    return mv - mc, lift, lift - t*se, lift + t*se, df
print("mean d1", [repr(x) for x in mean([1,2,3,4],[2,4,6])])
print("mean d2", [repr(x) for x in mean([1,2,3,4,5,1],[2,4,6,3,5,7])])
