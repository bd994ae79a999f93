package io.yima.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A set of code indexes as disjoint inclusive runs [from, to], merged when they touch. */
public final class Ranges {
    private final TreeMap<Long, Long> runs = new TreeMap<>();

    public void add(long from, long to) {
        Map.Entry<Long, Long> before = runs.floorEntry(from);
        if (before != null && before.getValue() >= from - 1) {
            from = before.getKey();
            to = Math.max(to, before.getValue());
        }
        Map.Entry<Long, Long> next = runs.ceilingEntry(from);
        while (next != null && next.getKey() <= to + 1) {
            to = Math.max(to, next.getValue());
            runs.remove(next.getKey());
            next = runs.ceilingEntry(from);
        }
        runs.put(from, to);
    }

    public void remove(long from, long to) {
        Map.Entry<Long, Long> e = runs.floorEntry(from);
        if (e == null) {
            e = runs.ceilingEntry(from);
        }
        while (e != null && e.getKey() <= to) {
            long s = e.getKey();
            long t = e.getValue();
            runs.remove(s);
            if (s < from && t >= from) {
                runs.put(s, from - 1);
            } else if (s < from) {
                runs.put(s, t); // entirely below the removed run
            }
            if (t > to) {
                runs.put(to + 1, t);
            }
            e = runs.higherEntry(s);
        }
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The runs as {from, to} pairs, ascending. */
    public List<long[]> runs() {
        List<long[]> out = new ArrayList<>(runs.size());
        runs.forEach((f, t) -> out.add(new long[] {f, t}));
        return out;
    }

    public long size() {
        long n = 0;
        for (Map.Entry<Long, Long> e : runs.entrySet()) {
            n += e.getValue() - e.getKey() + 1;
        }
        return n;
    }
}
