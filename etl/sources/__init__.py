"""One reader per published format. Each turns a file into staging rows plus rejected rows."""
