package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// pdfcpu keeps a configuration directory in the user's home unless told
// not to; cnbudget never wants it to touch the disk.
var disablePdfcpuConfig sync.Once

// repair rebuilds a PDF the object layer cannot read (a damaged or shifted
// cross-reference table, AES-256 encryption, a PDF 2.0 file) with pdfcpu,
// in memory: decrypted, with a classic cross-reference table and no object
// streams.
func repair(data []byte, password string) (out []byte, err error) {
	defer func() {
		if x := recover(); x != nil {
			out, err = nil, fmt.Errorf("pdfcpu: %v", x)
		}
	}()
	disablePdfcpuConfig.Do(api.DisableConfigDir)
	// The empty user password first (a file locked by an owner password
	// alone opens with it, whatever password is given), then the
	// password given, as the user's and as the owner's.
	type pw struct{ user, owner string }
	tries := []pw{{"", ""}}
	if password != "" {
		tries = append(tries, pw{password, ""}, pw{"", password})
	}
	var cur pw
	read := func(cmd model.CommandMode) (*model.Context, error) {
		conf := model.NewDefaultConfiguration()
		conf.UserPW, conf.OwnerPW = cur.user, cur.owner
		conf.Cmd = cmd
		conf.ValidationMode = model.ValidationRelaxed
		conf.WriteObjectStream = false
		conf.WriteXRefStream = false
		conf.Optimize = false
		conf.Offline = true
		return api.ReadContext(bytes.NewReader(data), conf)
	}
	var ctx *model.Context
	for _, t := range tries {
		cur = t
		ctx, err = read(model.DECRYPT)
		if err != nil && strings.Contains(err.Error(), "not encrypted") {
			ctx, err = read(model.VALIDATE)
		}
		if err == nil || !isPasswordError(err) {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	if ctx == nil {
		return nil, errors.New("pdfcpu: nothing read")
	}
	var buf bytes.Buffer
	if err := api.WriteContext(ctx, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
