from casebook.cli.main import run

run()
