from faq.cli import app

app(prog_name="python -m faq")
