from netviz.cli import app

app(prog_name="netviz")
