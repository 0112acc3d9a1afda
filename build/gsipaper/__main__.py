from gsipaper.cli import main

raise SystemExit(main())
