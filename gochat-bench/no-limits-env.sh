# The bench is one client IP making hundreds of users, thousands of connections and messages: start the
# system under test with the abuse limits off (source this file before ./run.sh start -d).
export GOCHAT_LIMIT_REGISTER=off GOCHAT_LIMIT_LOGIN=off GOCHAT_LIMIT_CHECKAUTH=off GOCHAT_LIMIT_REFRESH=off \
  GOCHAT_LIMIT_PUSH_IP=off GOCHAT_LIMIT_PUSH_USER=off GOCHAT_LIMIT_SOCKET_IP=off \
  GOCHAT_LIMIT_LOGINFAILURES_ACCOUNT=off GOCHAT_LIMIT_LOGINFAILURES_IP=off \
  GOCHAT_CONNECT_MAXPERIP=0 GOCHAT_CONNECT_MAXPERUSER=0 GOCHAT_PASSWORD_MINLENGTH=1 GOCHAT_PASSWORD_REFUSECOMMON=false
# Its set-up registers a few hundred users (two password hashes each): both cores hash, and a deeper queue.
export GOCHAT_HASH_THREADS=2 GOCHAT_HASH_QUEUE=256
