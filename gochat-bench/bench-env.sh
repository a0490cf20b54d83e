# ports for a second gochat next to one another engineer runs on the defaults (source this file)
export RUN_ETCD_PORT=23790 RUN_REDIS_PORT=6390 GOCHAT_API_PORT=7170 GOCHAT_SITE_PORT=8180 \
  RUN_WS_PORT=7100 RUN_TCP_PORT=7101 RUN_ADMIN_PORT=9200
