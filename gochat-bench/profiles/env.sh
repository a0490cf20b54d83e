# source me: ports and run dir of the profiled system (next to another one on the default ports)
. /work/wt-profile/gochat-bench/bench-env.sh
export RUN_DIR=/work/wt-profile/run
export RUN_JAVA_OPTS="-Xms64m -Xmx512m -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
B="--ws-port=7100 --tcp-port=7101 --api-port=7170 --run-dir=$RUN_DIR"
