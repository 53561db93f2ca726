from netviz.cli import main

main()
