#!/usr/bin/env python3
# Lines up the slow triggers of a `bench-lanes --trace` run with each other and with the GC and safepoint pauses of
# every JVM of the run (docs/BENCHMARKS.md, "Refills in step").
#
#   JAVA_TOOL_OPTIONS="-Xlog:gc,safepoint:file=GC_DIR/gc-%p.log:utctime,uptime,pid" \
#       java -jar simulator/target/yima-sim.jar bench-lanes ... --trace --label L
#   python3 bench/trigger-clusters.py WORK/runs/L-8x30 GC_DIR [THRESHOLD_MS]
#
# Prints how many triggers took longer than THRESHOLD_MS (default 20) from PRINT to ACK, then every cluster of them
# (slow triggers less than 300 ms apart): its time into the job, size, worst reply, lanes and the bench's own send
# lag, followed by every pause over 5 ms of any JVM that fell between 200 ms before the cluster and its end.
import csv,glob,sys,re,datetime,collections
run=sys.argv[1]; gcdir=sys.argv[2]; thr=float(sys.argv[3]) if len(sys.argv)>3 else 20
rows=[]
for f in sorted(glob.glob(run+'/triggers-L*.csv')):
    lane=f.split('-L')[-1].split('.')[0]
    for r in csv.DictReader(open(f)):
        if r['reply_ms']: rows.append((float(r['due_epoch_ms']),float(r['reply_ms']),lane,float(r['send_lag_ms'])))
rows.sort()
t0=rows[0][0]
slow=[r for r in rows if r[1]>thr]
print(len(rows),'triggers',len(slow),'over',thr,'ms')
# cluster
cl=[];cur=None
for r in slow:
    if cur and r[0]-cur[-1][0]<300: cur.append(r)
    else:
        cur=[r]; cl.append(cur)
gcs=[]
for f in glob.glob(gcdir+'/gc-*.log'):
    pid=f.split('-')[-1].split('.')[0]
    for l in open(f):
        m=re.match(r'\[(\S+)\]\[(\S+)\]\[(\d+)\] (.*)',l)
        if not m: continue
        ts=datetime.datetime.strptime(m.group(1)[:23],'%Y-%m-%dT%H:%M:%S.%f').replace(tzinfo=datetime.timezone.utc).timestamp()*1000
        p=re.search(r'Pause.* (\d+\.\d+)ms$',l.strip()); s=re.search(r'Total: (\d+) ns',l)
        d=float(p.group(1)) if p else (int(s.group(1))/1e6 if s else 0)
        if d>5: gcs.append((ts,d,pid,m.group(4)[:60]))
for c in cl:
    a=c[0][0]; b=max(x[0]+x[1] for x in c)
    lanes=sorted(set(x[2] for x in c))
    print(f"t+{(a-t0)/1000:7.2f}s n={len(c):3d} max={max(x[1] for x in c):6.1f}ms lanes={''.join(lanes)} sendlag={max(x[3] for x in c):.1f}")
    for g in gcs:
        if a-200<=g[0]<=b+50: print(f"      gc/safepoint pid {g[2]} at t+{(g[0]-t0)/1000:.2f}s {g[1]:.1f}ms {g[3]}")
