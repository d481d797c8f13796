from tests.server.server_process import *  # noqa: F401,F403  (fixtures)
