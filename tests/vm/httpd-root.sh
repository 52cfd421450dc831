#!/bin/sh
# Put Debian's apache2 and nginx, with their libraries and the test
# configuration from tests/vm/httpd/, into the initramfs tree ROOT.
#
# usage: tests/vm/httpd-root.sh ROOT
set -eu
root=$1
here=$(cd "$(dirname "$0")" && pwd)
for bin in /usr/sbin/apache2 /usr/sbin/nginx; do
	if [ ! -x "$bin" ]; then
		echo "httpd-root.sh: $bin missing; run scripts/install-deps.sh" >&2
		exit 1
	fi
done

copy() {	# copy FILE with its shared libraries
	mkdir -p "$root$(dirname "$1")"
	cp -L "$1" "$root$1"
	for lib in $(ldd "$1" | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }'); do
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

copy /usr/sbin/apache2
copy /usr/sbin/nginx
for m in mpm_prefork authz_core mime dir alias cgi; do
	copy "/usr/lib/apache2/modules/mod_$m.so"
done
mkdir -p "$root/etc/apache2" "$root/etc/nginx" "$root/var/www/html" \
	"$root/usr/lib/cgi-bin" "$root/var/log/nginx" "$root/var/lib/nginx/body" \
	"$root/var/lib/nginx/fastcgi" "$root/var/lib/nginx/proxy" \
	"$root/var/lib/nginx/scgi" "$root/var/lib/nginx/uwsgi" "$root/run"
cp "$here/httpd/apache2.conf" "$root/etc/apache2/apache2.conf"
cp "$here/httpd/nginx.conf" "$root/etc/nginx/nginx.conf"
cp "$here/httpd/index.html" "$root/var/www/html/index.html"
cp "$here/httpd/test.cgi" "$root/usr/lib/cgi-bin/test.cgi"
chmod 755 "$root/usr/lib/cgi-bin/test.cgi"
cat > "$root/etc/passwd" <<PW
root:x:0:0:root:/root:/bin/sh
www-data:x:33:33:www-data:/var/www:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/sh
PW
cat > "$root/etc/group" <<GR
root:x:0:
www-data:x:33:
nogroup:x:65534:
GR
echo "passwd: files" > "$root/etc/nsswitch.conf"
echo "group: files" >> "$root/etc/nsswitch.conf"
