#!/usr/bin/env bash
# The setup guide (docs/setup.md) followed step by step on the simulator instead of WeChat, a Zebra, a reader
# and a PLC: the same yima-edge commands, the same config keys, the same PLC frames typed by hand.
#
#   bash docs/setup-walkthrough.sh [BIN_DIR]
#
# BIN_DIR holds yima-edge and yima-sim (default: the bundle's bin/ next to this docs/ folder). Everything is
# written to a temporary folder that is deleted at the end. Exits non-zero at the first step that fails.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:-$here/../bin}"
edge="$bin/yima-edge"
sim="$bin/yima-sim"
work="$(mktemp -d "${TMPDIR:-/tmp}/yima-setup.XXXXXX")"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { # port, what
    for _ in $(seq 1 150); do
        if (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.2
    done
    echo "$2 did not open port $1" >&2; return 1
}

step "1. Secrets: package key, app secret, status token (files readable by the service only)"
mkdir -p "$work/etc"
printf 'walkthrough16key' > "$work/etc/app.key"
printf 'walkthrough-secret' > "$work/etc/wechat.secret"
openssl rand -hex 32 > "$work/etc/status.token"
chmod 0640 "$work/etc/app.key" "$work/etc/wechat.secret" "$work/etc/status.token"
ls -l "$work/etc"

step "   (simulator) the WeChat API emulator stands in for api.weixin.qq.com"
wechat_port="$(free_port)"
"$sim" wechat --port "$wechat_port" --key-file "$work/etc/app.key" --appid wxwalkthrough0001 \
    --secret-file "$work/etc/wechat.secret" --generation-delay 1 > "$work/wechat.log" 2>&1 &
pids+=($!)
wait_port "$wechat_port" "the WeChat emulator"

step "2. Config with the upstream section first (applications come from step 3)"
printer_port="$(free_port)"; scanner_port="$(free_port)"; plc_port="$(free_port)"; status_port="$(free_port)"
write_config() { # application id or empty
    {
        echo "vault:"
        echo "  path: $work/var/vault.db"
        if [ -n "$1" ]; then
            echo "applications:"
            echo "  - id: $1"
            echo "    key_file: $work/etc/app.key"
        fi
        echo "upstream:"
        echo "  base_url: http://127.0.0.1:$wechat_port"
        echo "  appid: wxwalkthrough0001"
        echo "  secret_file: $work/etc/wechat.secret"
        echo "status:"
        echo "  bind: 127.0.0.1"
        echo "  port: $status_port"
        echo "  token_file: $work/etc/status.token"
        if [ -n "$1" ]; then
            echo "lines:"
            echo "  - id: L1"
            echo "    application: $1"
            echo "    mode: TRIGGERED"
            echo "    printer: { uri: \"tcp://127.0.0.1:$printer_port\", language: zpl, graphic: Z64 }"
            echo "    label: { width_mm: 30, height_mm: 20, dpi: 300, symbol: QR, size_mm: 10 }"
            echo "    scanner: { uri: \"tcp://127.0.0.1:$scanner_port\", no_read: ERROR }"
            echo "    plc: { bind: 127.0.0.1, port: $plc_port, heartbeat: 2s }"
            echo "    job_defaults: { brand: Yima Tea, title: Green tea 250 g, ean: \"6901234567892\", activity: first-line, wxa_appid: wxwalkthrough0001, wxa_path: pages/scan/index }"
        fi
    } > "$work/etc/edge.yaml"
}
mkdir -p "$work/var"
write_config ""

step "3. Apply for codes, wait for generation, download them into the vault"
apply_out="$("$edge" wechat apply --config "$work/etc/edge.yaml" --count 10000 --isv-id walkthrough-batch-1)"
echo "$apply_out"
app="$(grep -oE 'application[ _]id[^0-9]*[0-9]+' <<<"$apply_out" | grep -oE '[0-9]+$' | head -1)"
[ -n "$app" ] || { echo "no application id in the apply answer" >&2; exit 1; }
write_config "$app"
"$edge" wechat query --config "$work/etc/edge.yaml" --application "$app"
"$edge" wechat download --config "$work/etc/edge.yaml" --application "$app" --wait
"$edge" vault stats --vault "$work/var/vault.db"

step "   (simulator) a Zebra-like printer and a Keyence-like reader on the line"
"$sim" line-emulators --printer-port "$printer_port" --scanner-port "$scanner_port" > "$work/emulators.log" 2>&1 &
pids+=($!)
wait_port "$printer_port" "the printer emulator"
wait_port "$scanner_port" "the scanner emulator"

step "4. Start the edge (systemd runs exactly this: yima-edge run --config /etc/yima-edge/edge.yaml)"
"$edge" run --config "$work/etc/edge.yaml" > "$work/edge.log" 2>&1 &
pids+=($!)
wait_port "$plc_port" "the edge's PLC port"
wait_port "$status_port" "the edge's status port"

step "5. First job by hand over the PLC protocol (what socat - TCP:127.0.0.1:$plc_port,crlf shows)"
exec 3<>"/dev/tcp/127.0.0.1/$plc_port"
ask() { # frame; prints the frame and the edge's reply (events arriving before it are printed too)
    printf '%s\r\n' "$1" >&3
    echo "> $1"
    local line
    while IFS= read -r -t 10 line <&3; do
        line="${line%$'\r'}"
        echo "< $line"
        case "$line" in ACK,*|NAK,*|YIMA,*) REPLY_LINE="$line"; return 0 ;; esac
    done
    echo "no reply to $1" >&2; return 1
}
ask "HELLO,1,1,PLC-BY-HAND"
ask "START,2,JOB-1,SKU-TEA-250,BATCH-0001,3"
[[ "$REPLY_LINE" == ACK,2* ]] || { echo "START refused: $REPLY_LINE" >&2; exit 1; }
for i in 1 2 3; do
    ask "PRINT,$((2 + i)),item-$i"
    [[ "$REPLY_LINE" == ACK,* ]] || { echo "PRINT refused: $REPLY_LINE" >&2; exit 1; }
done
results=0
while [ "$results" -lt 3 ] && IFS= read -r -t 15 line <&3; do
    line="${line%$'\r'}"; echo "< $line"
    case "$line" in OK,*|REJECT,*) results=$((results + 1)) ;; esac
done
[ "$results" -eq 3 ] || { echo "only $results of 3 items got a result" >&2; exit 1; }
ask "CLOSE,6"
[[ "$REPLY_LINE" == ACK,6* ]] || { echo "CLOSE refused: $REPLY_LINE" >&2; exit 1; }
exec 3>&-

step "6. What the technician checks: status, the job's account, activation"
"$edge" status --url "127.0.0.1:$status_port"
# 503 here only because the hand-typed PLC session above has ended: /health wants every device and the PLC
curl -sS -w ' (HTTP %{http_code})\n' "http://127.0.0.1:$status_port/health"
for _ in $(seq 1 50); do
    if curl -fsS "http://127.0.0.1:$status_port/api/status" | grep -q '"activated":[1-9]'; then break; fi
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$status_port/api/status" | grep -o '"outbox":{[^}]*}'
echo
if grep -qiE 'token|secret' <(grep -F "$(cat "$work/etc/status.token")" "$work/edge.log" || true); then
    echo "the status token appeared in the log" >&2; exit 1
fi
kill "${pids[2]}"; wait "${pids[2]}" 2>/dev/null || true
"$edge" job report --vault "$work/var/vault.db" --job JOB-1
echo
echo "walkthrough complete"
