#!/usr/bin/env python3
"""Writes a synthetic onboarding event log for the collector benchmark.

Usage: python3 Benchmarks/events/generate_events.py --users 1000000 --events 10000000 --output /tmp/events.jsonl

Each user gets one exposure (`signup_completed` with experiment and variant, 3 variants), then
events drawn from sessions, profile completions, first projects and purchases with an amount,
over 14 days, until the total reaches --events. Seeded, so the same arguments give the same file.
"""
import argparse
import random
import time

EPOCH = 1793577600  # 2026-11-02T00:00:00Z
VARIANTS = ["immediate", "one-hour", "next-morning"]
EVENTS = [("session_start", 0.55), ("profile_completed", 0.15), ("first_project_created", 0.15), ("purchase", 0.15)]


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    names = [e for e, _ in EVENTS]
    weights = [w for _, w in EVENTS]
    per_user = (args.events - args.users) / args.users
    written = 0
    event_id = 0
    with open(args.output, "w", buffering=1 << 22) as out:
        lines = []
        for u in range(args.users):
            user = f"user-{u:07d}"
            start = EPOCH + rng.randrange(14 * 86400)
            variant = VARIANTS[u % 3]
            event_id += 1
            lines.append(f'{{"event_id":"e{event_id}","user_id":"{user}","event":"signup_completed","timestamp":"{iso(start)}",'
                         f'"experiment":"welcome-message-timing","variant":"{variant}","country":"US","platform":"ios"}}\n')
            remaining_users = args.users - u
            count = round((args.events - written - (args.users - u)) / remaining_users) if remaining_users else 0
            count = max(0, min(count, int(per_user * 2)))
            kinds = rng.choices(names, weights, k=count)
            for kind in kinds:
                event_id += 1
                t = start + rng.randrange(-3600, 10 * 86400)
                if kind == "purchase":
                    lines.append(f'{{"event_id":"e{event_id}","user_id":"{user}","event":"purchase","timestamp":"{iso(t)}","amount":{rng.randrange(100, 10000) / 100}}}\n')
                else:
                    lines.append(f'{{"event_id":"e{event_id}","user_id":"{user}","event":"{kind}","timestamp":"{iso(t)}"}}\n')
            written += 1 + count
            if len(lines) > 100_000:
                out.writelines(lines)
                lines = []
        out.writelines(lines)
    print(f"wrote {written} events for {args.users} users to {args.output}")


if __name__ == "__main__":
    main()
