#!/bin/sh
# make demo, inside the VM: Debian's apache2 confined by the httpd profile
# with svrun, serving a page and a CGI whose mkdir the profile denies, and
# the audit record of that denial. The host prints what lies between the
# SVT-DEMO markers.
export SYSVEC_VECTOR_DIR=/lib/sysvec
echo "SVT-DEMO-BEGIN"
echo "\$ svrun -p httpd -- /usr/sbin/apache2 -X &"
svrun -p httpd -- /usr/sbin/apache2 -X -d /etc/apache2 -f /etc/apache2/apache2.conf &
server=$!
sv-probe http-get 8080 / >/tmp/page || echo "(no answer from apache2)"
echo "\$ GET http://127.0.0.1:8080/"
cat /tmp/page
echo "\$ GET http://127.0.0.1:8080/cgi-bin/test.cgi   # the CGI tries mkdir"
sv-probe http-get 8080 /cgi-bin/test.cgi
sleep 1
echo "\$ dmesg | grep 'sysvec action=deny'   # the audit record"
dmesg | grep 'sysvec action=deny' | tail -n 1 | sed 's/^\[[^]]*\] //'
echo "\$ cat /proc/sysvec/vectors"
cat /proc/sysvec/vectors
kill -TERM "$server"
sv-probe http-get 8080 / >/dev/null 2>&1	# apache2 -X stops at its next connection
wait "$server"
echo "\$ grep bound_tasks /proc/sysvec/stats; rmmod sysvec_httpd   # after apache2 stopped"
grep bound_tasks /proc/sysvec/stats
rmmod sysvec_httpd && echo "module removed"
echo "SVT-DEMO-END"
