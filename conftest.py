pytest_plugins = ["tests.plugin_build"]
