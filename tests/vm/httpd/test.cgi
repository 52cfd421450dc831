#!/bin/sh
# CGI of the httpd profile test: runs confined like the server that started
# it, so mkdir must fail here.
printf 'Content-Type: text/plain\r\n\r\n'
echo "cgi uid=$(id -u)"
if mkdir /tmp/cgi-made-a-dir 2>/dev/null; then echo "mkdir allowed"; else echo "mkdir denied"; fi
